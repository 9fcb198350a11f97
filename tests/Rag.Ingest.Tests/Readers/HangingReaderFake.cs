using Rag.Core.Documents;
using Rag.Ingest.Readers;

namespace Rag.Ingest.Tests.Readers;

/// <summary>A reader stuck like a parser in an infinite loop: it ignores cancellation and waits on an event no one sets (until disposed).</summary>
internal sealed class HangingReaderFake : IDocumentReader, IDisposable
{
    private readonly ManualResetEventSlim _never = new(false);

    public ManualResetEventSlim Entered { get; } = new(false);

    public string MediaType => "application/x-hang";

    public IReadOnlyCollection<string> Extensions => [".hang"];

    public Task<ParsedDocument> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        Entered.Set();
        _never.Wait(CancellationToken.None);
        throw new InvalidOperationException("released by Dispose");
    }

    // Lets the abandoned thread finish once the test is over.
    public void Dispose() => _never.Set();
}
