using System.Numerics.Tensors;

namespace Rag.Onnx.Generation;

/// <summary>
/// Picks the next token from logits: greedy (arg-max, lowest id on ties) when the temperature is null or 0,
/// otherwise temperature + top-k + top-p (nucleus) sampling, reproducible for a given seed.
/// </summary>
internal sealed class TokenSampler
{
    private readonly float _temperature;
    private readonly float _topP;
    private readonly int _topK;
    private readonly Random? _random;

    public TokenSampler(float? temperature, float? topP, int? topK, long? seed)
    {
        _temperature = temperature ?? 0f;
        _topP = topP is > 0f and < 1f ? topP.Value : 1f;
        _topK = topK is > 0 ? topK.Value : 0;
        if (_temperature > 0f)
        {
            // Not security-relevant: a seeded stream for reproducible text.
#pragma warning disable CA5394
            _random = seed is { } s ? new Random(unchecked((int)(s ^ (s >> 32)))) : new Random();
#pragma warning restore CA5394
        }
    }

    public bool IsGreedy => _random is null;

    public int Next(float[] logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (_random is null)
        {
            return TensorPrimitives.IndexOfMax(logits);
        }

        var order = new int[logits.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Sort by negated logit/temperature: ascending keys = most likely first (default comparer: fast path).
        var keys = new float[logits.Length];
        TensorPrimitives.Divide(logits, -_temperature, keys);
        Array.Sort(keys, order);
        var keep = _topK > 0 ? Math.Min(_topK, order.Length) : order.Length;
        var max = -keys[0];
        var probs = new double[keep];
        double sum = 0;
        for (var i = 0; i < keep; i++)
        {
            probs[i] = Math.Exp(-keys[i] - max);
            sum += probs[i];
        }

        // Nucleus: the smallest prefix whose probability reaches top-p.
        double cumulative = 0;
        var cut = keep;
        for (var i = 0; i < keep; i++)
        {
            cumulative += probs[i] / sum;
            if (cumulative >= _topP)
            {
                cut = i + 1;
                break;
            }
        }

        double kept = 0;
        for (var i = 0; i < cut; i++)
        {
            kept += probs[i];
        }

#pragma warning disable CA5394
        var draw = _random.NextDouble() * kept;
#pragma warning restore CA5394
        for (var i = 0; i < cut; i++)
        {
            draw -= probs[i];
            if (draw <= 0)
            {
                return order[i];
            }
        }

        return order[cut - 1];
    }
}
