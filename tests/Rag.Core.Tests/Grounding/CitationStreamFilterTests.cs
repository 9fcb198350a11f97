using Rag.Core.Grounding;

namespace Rag.Core.Tests.Grounding;

public sealed class CitationStreamFilterTests
{
    [Theory]
    [InlineData("Tokens are required [1].", "Tokens are required [1].", new[] { 1 }, new int[0])]
    [InlineData("Tokens are required [7].", "Tokens are required.", new int[0], new[] { 7 })]
    [InlineData("Both [1, 7] say so.", "Both [1] say so.", new[] { 1 }, new[] { 7 })]
    [InlineData("Both [2][1] say so [0].", "Both [2][1] say so.", new[] { 1, 2 }, new[] { 0 })]
    [InlineData("See [the appendix] and [a1].", "See [the appendix] and [a1].", new int[0], new int[0])]
    [InlineData("   Leading space is dropped [2]", "Leading space is dropped [2]", new[] { 2 }, new int[0])]
    public void Check_KeepsValidCitationsAndRemovesTheRest(string text, string expected, int[] cited, int[] removed)
    {
        var (result, validCitations, removedCitations) = CitationStreamFilter.Check(text, sourceCount: 2);

        Assert.Equal(expected, result);
        Assert.Equal(cited, validCitations);
        Assert.Equal(removed, removedCitations);
    }

    [Fact]
    public void Push_CitationSplitAcrossPieces_IsJudgedWhole()
    {
        var filter = new CitationStreamFilter(2);
        string[] pieces = ["It is free ", "[", "7", "]", " and quick [", "2", "]."];

        var shown = string.Concat(pieces.Select(filter.Push)) + filter.Complete();

        Assert.Equal("It is free and quick [2].", shown);
        Assert.Equal([7], filter.Removed);
        Assert.Equal([2], filter.Cited);
    }

    [Fact]
    public void Complete_UnclosedBracketAtTheEnd_IsShownAsWritten()
    {
        var filter = new CitationStreamFilter(2);

        var shown = filter.Push("Cut off [1") + filter.Complete();

        Assert.Equal("Cut off [1", shown);
        Assert.Empty(filter.Cited);
    }
}
