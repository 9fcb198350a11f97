using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Rag.Ingest.Tests.Worker;

/// <summary>
/// Wraps the real embedder: counts, per document marker (<c>doc-N</c> in its text), how many embedding calls it took, and
/// runs a hook first that may throw (an embedder failure) or act (steal a lease) for a marker.
/// </summary>
internal sealed partial class CountingEmbedderWrapper(IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>Runs before each call with the call's document marker; may throw to fail the call.</summary>
    public Func<string, CancellationToken, Task>? Before { get; set; }

    /// <summary>Calls so far, by document marker.</summary>
    public IReadOnlyDictionary<string, int> Calls => _calls;

    public void Reset() => _calls.Clear();

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToList();
        var marker = inputs.Select(v => Marker().Match(v)).FirstOrDefault(m => m.Success)?.Value ?? "(none)";
        _calls.AddOrUpdate(marker, 1, (_, n) => n + 1);
        if (Before is { } before)
        {
            await before(marker, cancellationToken);
        }

        return await base.GenerateAsync(inputs, options, cancellationToken);
    }

    [GeneratedRegex("doc-[0-9]+")]
    private static partial Regex Marker();
}
