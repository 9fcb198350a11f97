using Rag.Ingest.Readers;

namespace Rag.Ingest.Tests.Readers;

public sealed class LineJoinerTests
{
    [Theory]
    [InlineData("the text is bro-\nken across lines", "the text is broken across lines")]
    [InlineData("hyphen-\nation (de-\nfinitions)", "hyphenation (definitions)")]
    [InlineData("one line\nand the next", "one line and the next")]
    public void Join_LineEndHyphenation_Joined(string text, string expected) =>
        Assert.Equal(expected, new LineJoiner().Join(text));

    [Theory]
    [InlineData("a well-\nknown fact", "a well-known fact")]
    [InlineData("the self-\ncontained build", "the self-contained build")]
    public void Join_CompoundFirstWord_KeepsHyphen(string text, string expected) =>
        Assert.Equal(expected, new LineJoiner().Join(text));

    [Theory]
    [InlineData("the Anglo-\nSaxon chronicle", "the Anglo-Saxon chronicle")]
    [InlineData("certified to ISO-\n9001 since", "certified to ISO-9001 since")]
    [InlineData("a state-of-the-\nart parser", "a state-of-the-art parser")]
    [InlineData("pages 3 -\n5 and B2-\nthree", "pages 3 - 5 and B2-three")]
    public void Join_CapitalDigitOrCompoundAround_KeepsHyphen(string text, string expected) =>
        Assert.Equal(expected, new LineJoiner().Join(text));

    [Fact]
    public void Join_DocumentWritesTheCompound_KeepsHyphen()
    {
        var joiner = new LineJoiner();
        joiner.Learn("Plan for the long-term.");

        Assert.Equal("our long-term goals", joiner.Join("our long-\nterm goals"));
    }

    [Fact]
    public void Join_DocumentWritesTheJoinedWord_Joined()
    {
        var joiner = new LineJoiner();
        joiner.Learn("Staff wellbeing matters.");

        Assert.Equal("staff wellbeing", joiner.Join("staff well-\nbeing"));
    }

    [Fact]
    public void Join_Unlearned_CompoundWordKeepsHyphenWhereWithoutVocabulary() =>
        Assert.Equal("staff well-being", new LineJoiner().Join("staff well-\nbeing"));
}
