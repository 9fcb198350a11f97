using System.Runtime.CompilerServices;
using Rag.Core.Documents;
using Rag.Ingest.Readers;

namespace Rag.Ingest.Tests.Readers;

/// <summary>A reader that runs <see cref="Behaviour"/> on the reading thread and records where it ran.</summary>
internal sealed class ReaderFake(Func<byte[], ParsedDocument> behaviour) : IDocumentReader
{
    public Func<byte[], ParsedDocument> Behaviour { get; } = behaviour;

    public int Calls { get; private set; }

    /// <summary>Background, thread-pool and id of the thread the last read ran on (captured while it ran).</summary>
    public (bool IsBackground, bool IsThreadPoolThread, int ManagedThreadId)? RanOn { get; private set; }

    public string MediaType => "application/x-fake";

    public IReadOnlyCollection<string> Extensions => [".fake"];

    public static ParsedDocument Document(string text) =>
        new("Fake", [new DocumentBlock(BlockKind.Paragraph, text, 0, 0, 0)], 0);

    public static ReaderFake Throwing(Exception ex) => new(_ => throw ex);

    /// <summary>Recurses until the runtime says the stack is nearly exhausted; the depth reached tells the stack size.</summary>
    public static ReaderFake StackProbe() => new(_ => Document(Depth(0).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public async Task<ParsedDocument> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        Calls++;
        var thread = Thread.CurrentThread;
        RanOn = (thread.IsBackground, thread.IsThreadPoolThread, thread.ManagedThreadId);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        return Behaviour(copy.ToArray());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Depth(int depth) =>
        RuntimeHelpers.TryEnsureSufficientExecutionStack() ? Depth(depth + 1) : depth;
}
