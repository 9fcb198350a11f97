namespace Rag.Onnx.SentenceEmbeddings;

/// <summary>Turns a [batch, sequence, hidden] token output into L2-normalised sentence vectors.</summary>
internal static class Pooling
{
    public static float[][] Pool(ReadOnlySpan<float> hidden, ReadOnlySpan<long> attentionMask, int batch, int sequence, int dimensions, PoolingMode mode)
    {
        var vectors = new float[batch][];
        for (var b = 0; b < batch; b++)
        {
            var vector = new float[dimensions];
            var rowStart = b * sequence * dimensions;
            if (mode == PoolingMode.Cls)
            {
                hidden.Slice(rowStart, dimensions).CopyTo(vector);
            }
            else
            {
                var weight = 0f;
                for (var t = 0; t < sequence; t++)
                {
                    var m = attentionMask[(b * sequence) + t];
                    if (m == 0)
                    {
                        continue;
                    }

                    weight += m;
                    var token = hidden.Slice(rowStart + (t * dimensions), dimensions);
                    for (var d = 0; d < dimensions; d++)
                    {
                        vector[d] += token[d] * m;
                    }
                }

                if (weight > 0)
                {
                    for (var d = 0; d < dimensions; d++)
                    {
                        vector[d] /= weight;
                    }
                }
            }

            EmbeddingNormalization.Normalize(vector);
            vectors[b] = vector;
        }

        return vectors;
    }
}
