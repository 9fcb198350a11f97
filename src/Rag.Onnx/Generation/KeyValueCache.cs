using Microsoft.ML.OnnxRuntime;

namespace Rag.Onnx.Generation;

/// <summary>The <c>present.*</c> outputs of one step, fed back as <c>past_key_values.*</c> (same order as the inputs).</summary>
internal sealed class KeyValueCache : IDisposable
{
    public KeyValueCache(IReadOnlyList<OrtValue> values, int length)
    {
        Values = values;
        Length = length;
    }

    public IReadOnlyList<OrtValue> Values { get; }

    /// <summary>Positions held (the past sequence length of the next step).</summary>
    public int Length { get; }

    public void Dispose()
    {
        foreach (var value in Values)
        {
            value.Dispose();
        }
    }
}
