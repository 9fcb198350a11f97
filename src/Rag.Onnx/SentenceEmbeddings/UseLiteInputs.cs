namespace Rag.Onnx.SentenceEmbeddings;

/// <summary>The use-lite graph's names and the text-to-sparse-input step, shared by the generator and its bare baseline.</summary>
internal static class UseLiteInputs
{
    public const string IndicesInput = "indices";
    public const string ValuesInput = "values";
    public const string Output = "module_apply_default/Encoder_en/hidden_layers/l2_normalize";

    public static readonly string[] InputNames = [IndicesInput, ValuesInput];
    public static readonly string[] OutputNames = [Output];

    /// <summary>The id an empty input is given, so that its row is not empty (an empty row's vector is zero).</summary>
    public static int SeparatorTokenId(UseLiteTokenizer tokenizer)
    {
        var whitespace = tokenizer.Encode(" ");
        return whitespace.Count > 0 ? whitespace[0] : UseLiteTokenizer.UnknownId;
    }

    /// <summary>Tokenizes <paramref name="count"/> inputs from <paramref name="offset"/> into the sparse (indices, values) pair.</summary>
    public static (long[] Indices, long[] Values) Build(UseLiteTokenizer tokenizer, int separatorTokenId, IReadOnlyList<string> inputs, int offset, int count, int maxTokens)
    {
        var tokenized = new IReadOnlyList<int>[count];
        for (var i = 0; i < count; i++)
        {
            var ids = tokenizer.Encode(inputs[offset + i] ?? string.Empty);
            tokenized[i] = ids.Count == 0 ? [separatorTokenId] : ids;
        }

        return SparseBatch.Build(tokenized, maxTokens);
    }
}
