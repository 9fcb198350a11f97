using Rag.Web.Workspaces.Ask;

namespace Rag.Web.Tests.Workspaces.Ask;

public sealed class SnippetHighlighterTests
{
    [Fact]
    public void Split_MarksTheQuestionsTermsAndJoinsBackToTheText()
    {
        const string Text = "The vault combination for project Alpha is PELICAN-4471. Meetings are on Mondays.";

        var segments = SnippetHighlighter.Split(Text, "What is the vault combination of the Alpha meeting?");

        Assert.Equal(Text, string.Concat(segments.Select(s => s.Text)));
        Assert.Equal(["vault combination", "Alpha", "Meetings"], segments.Where(s => s.Highlighted).Select(s => s.Text));
    }

    [Fact]
    public void Split_MarkupInTheText_StaysPlainText()
    {
        var segments = SnippetHighlighter.Split("<b>vault</b> <script>x</script>", "vault");

        Assert.Equal("<b>vault</b> <script>x</script>", string.Concat(segments.Select(s => s.Text)));
        Assert.Equal(["vault"], segments.Where(s => s.Highlighted).Select(s => s.Text));
    }

    [Fact]
    public void Split_OnlyCommonWords_HighlightsNothing()
    {
        var segments = SnippetHighlighter.Split("What is this and where is that?", "what is this and where is that");

        Assert.Equal([new TextSegment("What is this and where is that?", false)], segments);
    }

    [Fact]
    public void Terms_DropsShortAndCommonWords()
    {
        Assert.Equal(["vpn", "password", "reset"], SnippetHighlighter.Terms("How do I get my VPN password reset?"));
    }
}
