using Rag.Storage.Sqlite;

namespace Rag.Storage.Tests.Sqlite;

public sealed class FtsQueryTests
{
    [Theory]
    [InlineData("vacation policy", "\"vacation\" OR \"policy\"")]
    [InlineData("  XK-4471  ", "\"XK-4471\"")]
    [InlineData("say \"hi\"", "\"say\" OR \"\"\"hi\"\"\"")]
    [InlineData("a AND (b", "\"a\" OR \"AND\" OR \"(b\"")]
    [InlineData("Policy policy POLICY", "\"Policy\"")]
    [InlineData("col:* NEAR(x", "\"col:*\" OR \"NEAR(x\"")]
    public void Build_Words_QuotesEachAndJoinsWithOr(string text, string expected)
    {
        Assert.Equal(expected, FtsQuery.Build(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n")]
    [InlineData("\"")]
    [InlineData("* ( ) : ^ -")]
    [InlineData("\0\u0001")]
    public void Build_NoSearchableWord_ReturnsNull(string text)
    {
        Assert.Null(FtsQuery.Build(text));
    }

    [Theory]
    [InlineData("What is the role of p53 in cancer?", "\"What\" OR \"role\" OR \"p53\" OR \"cancer?\"")]
    [InlineData("(The) effects, of: aspirin", "\"effects,\" OR \"aspirin\"")]
    [InlineData("The Who", "\"Who\"")]
    [InlineData("to be or not to be", "\"to\" OR \"be\" OR \"or\" OR \"not\"")]
    public void Build_StopWords_LeftOutUnlessNothingElseRemains(string text, string expected)
    {
        Assert.Equal(expected, FtsQuery.Build(text, EnglishStopWords.Words));
    }

    [Fact]
    public void Build_ManyWords_KeepsAtMostMaxTerms()
    {
        var text = string.Join(' ', Enumerable.Range(0, 100).Select(i => "w" + i));

        var query = FtsQuery.Build(text)!;

        Assert.Equal(FtsQuery.MaxTerms, query.Split(" OR ").Length);
    }

    [Fact]
    public void Restrict_ReadableSets_ContentColumnsAndTheSetsTags()
    {
        var match = FtsQuery.Build("vault code")!;

        var restricted = FtsQuery.Restrict(match, ["finance", "Ärzte"]);

        Assert.Equal("{text headings title} : (\"vault\" OR \"code\") AND set_tag : (\"s66696e616e6365\" OR \"sc384727a7465\")", restricted);
    }

    [Fact]
    public void Restrict_NoSets_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FtsQuery.Restrict("\"x\"", []));
    }
}
