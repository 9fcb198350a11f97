using System.Text;
using Rag.Core.Documents;
using Rag.Evaluation.Beir;
using Rag.Ingest.Readers;

namespace Rag.Evaluation.Tests.Beir;

public sealed class BeirCorpusWriterTests
{
    [Fact]
    public async Task ToMarkdown_ReadBackByTheMarkdownReader_GivesTheOriginalTitleAndText()
    {
        // Text full of Markdown syntax: none of it may become structure, emphasis, links or HTML.
        var text = "# not a heading *not emphasis* _nor this_ [not](a link) <b>not html</b> `not code` a\\b 1. not a list\n- nor\n> quote | pipe | ~~strike~~ &amp; 50% +/-";
        var document = new BeirDocument("7", "Title with *stars* and #hash", text);

        var parsed = await new MarkdownDocumentReader().ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(BeirCorpusWriter.ToMarkdown(document))), "d.md");

        Assert.Equal("Title with *stars* and #hash", parsed.Title);
        var paragraph = Assert.Single(parsed.Blocks, b => b.Kind == BlockKind.Paragraph);
        Assert.Equal(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), paragraph.Text);
    }
}
