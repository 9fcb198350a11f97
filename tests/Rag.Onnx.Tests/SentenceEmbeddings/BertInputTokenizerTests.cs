using Rag.Onnx.SentenceEmbeddings;
using Rag.Testing;

namespace Rag.Onnx.Tests.SentenceEmbeddings;

public sealed class BertInputTokenizerTests
{
    private static BertInputTokenizer Load(int maxTokens = 256) =>
        BertInputTokenizer.Load(Path.Combine(TestModels.Directory(TestModels.MiniLmTokenizer), "vocab.txt"), maxTokens);

    [Fact]
    public void Encode_HelloWorld_MatchesHuggingFaceIds()
    {
        Assert.Equal([101, 7592, 2088, 999, 102], Load().Encode("Hello world!"));
    }

    [Fact]
    public void Encode_AccentedWord_TokenizesLikeUnaccented()
    {
        var tokenizer = Load();

        Assert.Equal(tokenizer.Encode("cafe"), tokenizer.Encode("Café"));
    }

    [Fact]
    public void Encode_OverMaxTokens_TruncatesAndKeepsSpecialTokens()
    {
        var tokenizer = Load(maxTokens: 4);

        var ids = tokenizer.Encode("one two three four five six");

        Assert.Equal(6, ids.Count);
        Assert.Equal(101, ids[0]);
        Assert.Equal(102, ids[^1]);
        Assert.Equal(6, tokenizer.CountTokens("one two three four five six"));
    }
}
