using Rag.Onnx.SentenceEmbeddings;

namespace Rag.Onnx.Tests.SentenceEmbeddings;

public sealed class UseLiteTokenizerTests
{
    private static readonly UseLiteTokenizer s_tokenizer = UseLiteTokenizer.Load(Path.Combine(UseLiteReference.ModelDirectory, "vocab.json"));

    [Fact]
    public void Encode_ReferenceSentences_MatchTfJsTokenIds()
    {
        var reference = UseLiteReference.Load();
        Assert.Equal(4, reference.Sentences.Length);
        for (var i = 0; i < reference.Sentences.Length; i++)
        {
            Assert.Equal(reference.Tokens[i], s_tokenizer.Encode(reference.Sentences[i]));
        }
    }

    [Fact]
    public void Encode_UnknownCodePoints_CollapseIntoOneUnknownId()
    {
        var ids = s_tokenizer.Encode("\u4E00\u4E01\u4E02");

        Assert.Equal(UseLiteTokenizer.UnknownId, ids[^1]);
        Assert.Equal(1, ids.Count(id => id == UseLiteTokenizer.UnknownId));
    }

    [Fact]
    public void Encode_Anything_NeverProducesReservedIdsOtherThanUnknown()
    {
        var ids = s_tokenizer.Encode("<s> </s> extra_token_id_1 Hello, world!");

        Assert.DoesNotContain(ids, id => id is > 0 and < 6);
    }

    [Fact]
    public void Encode_CompatibilityCharacters_AreNfkcNormalised()
    {
        Assert.Equal(s_tokenizer.Encode("fine"), s_tokenizer.Encode("\uFB01ne"));
    }

    [Fact]
    public void Encode_Empty_ReturnsNoTokens()
    {
        Assert.Empty(s_tokenizer.Encode(string.Empty));
    }

    [Theory]
    [InlineData("fine\n\nprint")]
    [InlineData("fine\tprint")]
    [InlineData("fine\u00A0print")]
    [InlineData("  fine   print ")]
    public void Encode_AnyWhitespaceRun_SameAsOneSpace(string text)
    {
        var ids = s_tokenizer.Encode(text);

        Assert.Equal(s_tokenizer.Encode("fine print"), ids);
        Assert.DoesNotContain(UseLiteTokenizer.UnknownId, ids);
    }
}
