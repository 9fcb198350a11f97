using Microsoft.ML.Tokenizers;

namespace Rag.Onnx.SentenceEmbeddings;

/// <summary>WordPiece tokenizer (uncased, accents stripped) that truncates and adds [CLS]/[SEP].</summary>
internal sealed class BertInputTokenizer
{
    private readonly BertTokenizer _tokenizer;

    private BertInputTokenizer(BertTokenizer tokenizer, int maxTokens)
    {
        _tokenizer = tokenizer;
        MaxTokens = maxTokens;
    }

    /// <summary>Most tokens per input, special tokens excluded.</summary>
    public int MaxTokens { get; }

    public static BertInputTokenizer Load(string vocabPath, int maxTokens)
    {
        var tokenizer = BertTokenizer.Create(vocabPath, new BertOptions
        {
            LowerCaseBeforeTokenization = true,
            RemoveNonSpacingMarks = true,
            ApplyBasicTokenization = true,
            IndividuallyTokenizeCjk = true,
            SplitOnSpecialTokens = true,
        });
        return new BertInputTokenizer(tokenizer, maxTokens);
    }

    public int CountTokens(string text) =>
        _tokenizer.EncodeToIds(text ?? string.Empty, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true).Count;

    /// <summary>[CLS] + at most <see cref="MaxTokens"/> word pieces + [SEP].</summary>
    public IReadOnlyList<int> Encode(string text)
    {
        var ids = _tokenizer.EncodeToIds(text ?? string.Empty, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
        var length = Math.Min(ids.Count, MaxTokens);
        var result = new List<int>(length + 2) { _tokenizer.ClassificationTokenId };
        for (var i = 0; i < length; i++)
        {
            result.Add(ids[i]);
        }

        result.Add(_tokenizer.SeparatorTokenId);
        return result;
    }

    public int PaddingTokenId => _tokenizer.PaddingTokenId;
}
