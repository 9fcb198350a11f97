using Microsoft.ML.OnnxRuntime;

namespace Rag.Bench.Embed;

/// <summary>Input tensors of one use-lite batch, built once for <see cref="UseLiteBareSession.Run"/>.</summary>
public sealed class UseLitePreparedBatch : IDisposable
{
    internal UseLitePreparedBatch(int count, int tokens, OrtValue indices, OrtValue values)
    {
        Count = count;
        Tokens = tokens;
        Indices = indices;
        Values = values;
    }

    /// <summary>Inputs in the batch.</summary>
    public int Count { get; }

    /// <summary>Tokens fed to the model (after truncation to the token limit).</summary>
    public int Tokens { get; }

    internal OrtValue Indices { get; }

    internal OrtValue Values { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Indices.Dispose();
        Values.Dispose();
    }
}
