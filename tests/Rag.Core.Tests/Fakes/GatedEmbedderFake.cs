using Microsoft.Extensions.AI;

namespace Rag.Core.Tests;

/// <summary>
/// Fake embedder (Core unit tests only): letter-count vectors, but every call waits until <see cref="Release"/> (or its
/// cancellation), so a test can hold one question inside the embedder while another starts. Records each call's inputs.
/// </summary>
internal sealed class GatedEmbedderFake : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly LetterCountEmbedderFake _inner = new();
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IReadOnlyList<string>> _calls = [];

    /// <summary>Completes when the first call is inside the embedder.</summary>
    public Task Entered => _entered.Task;

    public IReadOnlyList<IReadOnlyList<string>> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public void Release() => _gate.TrySetResult();

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        lock (_calls)
        {
            _calls.Add(list);
        }

        _entered.TrySetResult();
        await _gate.Task.WaitAsync(cancellationToken);
        return await _inner.GenerateAsync(list, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
