using Microsoft.ML.OnnxRuntime;

namespace Rag.Bench.Embed;

/// <summary>The input tensors of one batch, tokenized and built once for <see cref="IBareEmbeddingSession.Run"/>.</summary>
public sealed class BarePreparedBatch : IDisposable
{
    internal BarePreparedBatch(int count, int tokens, IReadOnlyList<string> inputNames, IReadOnlyList<OrtValue> inputs)
    {
        Count = count;
        Tokens = tokens;
        InputNames = inputNames;
        Inputs = inputs;
    }

    /// <summary>Inputs in the batch.</summary>
    public int Count { get; }

    /// <summary>Tokens of the inputs as the model's tokenizer counts them, after truncation to the token limit (special tokens excluded).</summary>
    public int Tokens { get; }

    /// <summary>The graph's input names, in the order of <see cref="Inputs"/>.</summary>
    internal IReadOnlyList<string> InputNames { get; }

    internal IReadOnlyList<OrtValue> Inputs { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var input in Inputs)
        {
            input.Dispose();
        }
    }
}
