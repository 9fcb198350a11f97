using Rag.Core.Text;

namespace Rag.Core.Tests.Text;

public sealed class SentenceSegmenterTests
{
    private static List<string> Sentences(string text) => SentenceSegmenter.Split(text).Select(s => text.Substring(s.Start, s.Length)).ToList();

    [Fact]
    public void Split_ThreeSentences_ThreeSpans()
    {
        Assert.Equal(["One is here.", "Is two here?", "Three!"], Sentences("One is here. Is two here? Three!"));
    }

    [Theory]
    [InlineData("Bring e.g. a laptop to the meeting.")]
    [InlineData("The rate is 3.5 percent this year.")]
    [InlineData("Dr. Smith approves all leave requests.")]
    [InlineData("Contact J. Doe for keys.")]
    public void Split_AbbreviationsDecimalsInitials_NotSplit(string text)
    {
        Assert.Single(Sentences(text));
    }

    [Fact]
    public void Split_BlankLine_EndsSentence()
    {
        Assert.Equal(["Heading without dot", "Body text."], Sentences("Heading without dot\n\nBody text."));
    }

    [Fact]
    public void Split_SpansAreExactOffsets()
    {
        const string text = "  First one.  Second one?  ";
        foreach (var span in SentenceSegmenter.Split(text))
        {
            Assert.False(char.IsWhiteSpace(text[span.Start]));
            Assert.False(char.IsWhiteSpace(text[span.End - 1]));
        }

        Assert.Equal(2, SentenceSegmenter.Split(text).Count);
    }

    [Fact]
    public void Split_Empty_NoSpans()
    {
        Assert.Empty(SentenceSegmenter.Split("   "));
    }
}
