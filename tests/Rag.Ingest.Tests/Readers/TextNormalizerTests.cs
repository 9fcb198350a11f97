using Rag.Ingest.Readers;

namespace Rag.Ingest.Tests.Readers;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("deﬁnitions", "definitions")]
    [InlineData("ﬂoat", "float")]
    [InlineData("eﬀect", "effect")]
    [InlineData("eﬃcient", "efficient")]
    [InlineData("ﬀﬁﬂﬃﬄﬅﬆ", "fffiflffifflstst")]
    public void Clean_Ligatures_BecomePlainLetters(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Clean(text));

    [Fact]
    public void Clean_FullwidthAndMathematicalLetters_BecomePlainLetters() =>
        Assert.Equal("ABC 123 x", TextNormalizer.Clean("ＡＢＣ １２３ 𝑥"));

    [Theory]
    [InlineData("10 m² of floor")]
    [InlineData("½ cup")]
    [InlineData("Rag™")]
    [InlineData("H₂O")]
    [InlineData("see note ①")]
    public void Clean_MeaningfulCompatibilityCharacters_Kept(string text) =>
        Assert.Equal(text, TextNormalizer.Clean(text));

    [Fact]
    public void Clean_DecomposedAccents_Composed() =>
        Assert.Equal("caf\u00E9", TextNormalizer.Clean("cafe\u0301"));

    [Fact]
    public void Clean_SoftHyphens_Removed() =>
        Assert.Equal("hyphenation", TextNormalizer.Clean("hy\u00ADphen\u00ADation"));

    [Fact]
    public void Clean_SoftHyphenAtLineEnd_JoinsTheLines() =>
        Assert.Equal("broken text", TextNormalizer.Clean("bro\u00AD\nken text"));

    [Fact]
    public void Clean_ControlAndInvisibleCharacters_RemovedButNewlinesAndTabsKept() =>
        Assert.Equal("ab\tc\nd", TextNormalizer.Clean("a\u0000b\u0007\tc\u200B\r\nd\uFEFF\u202E\u0002"));

    [Fact]
    public void Clean_ZeroWidthJoiner_Kept() =>
        Assert.Equal("\u0915\u094D\u200D\u0937", TextNormalizer.Clean("\u0915\u094D\u200D\u0937"));
}
