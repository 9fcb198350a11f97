namespace Rag.Onnx.SentenceEmbeddings;

/// <summary>The sparse use-lite input: one (sentence, position) row and one token id per kept token.</summary>
internal static class SparseBatch
{
    public static (long[] Indices, long[] Values) Build(IReadOnlyList<IReadOnlyList<int>> sentences, int maxTokens)
    {
        var total = 0;
        foreach (var ids in sentences)
        {
            total += Math.Min(ids.Count, maxTokens);
        }

        var indices = new long[total * 2];
        var values = new long[total];
        var n = 0;
        for (var row = 0; row < sentences.Count; row++)
        {
            var ids = sentences[row];
            var length = Math.Min(ids.Count, maxTokens);
            for (var position = 0; position < length; position++)
            {
                indices[2 * n] = row;
                indices[(2 * n) + 1] = position;
                values[n] = ids[position];
                n++;
            }
        }

        return (indices, values);
    }
}
