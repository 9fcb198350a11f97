using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Rag.Core.Documents;

namespace Rag.Ingest.Readers;

/// <summary>
/// Reads Markdown through Markdig's syntax tree: headings keep their level; paragraphs, list items, quotes,
/// code blocks and table rows become paragraphs; YAML front matter and raw HTML blocks are skipped; inline
/// markup is reduced to its visible text (link text, image alt text, never URLs). Title: the first H1 when
/// <see cref="TitleChooser"/> finds it meaningful (a lower heading is a section, not the document's name).
/// </summary>
public sealed class MarkdownDocumentReader : IDocumentReader
{
    private static readonly string[] FileExtensions = [".md", ".markdown"];

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseGridTables()
        .UseTaskLists()
        .UseDefinitionLists()
        .UseEmphasisExtras()
        .Build();

    /// <inheritdoc />
    public string MediaType => "text/markdown";

    /// <inheritdoc />
    public IReadOnlyCollection<string> Extensions => FileExtensions;

    /// <inheritdoc />
    public async Task<ParsedDocument> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        var text = await ReaderStreams.ReadAllTextAsync(content, cancellationToken);
        var document = Markdown.Parse(text, Pipeline);
        var builder = new ParsedDocumentBuilder();
        AddBlocks(document, builder, cancellationToken);
        return builder.Build(builder.FirstHeading(level: 1));
    }

    private static void AddBlocks(ContainerBlock container, ParsedDocumentBuilder builder, CancellationToken cancellationToken)
    {
        foreach (var block in container)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (block)
            {
                case YamlFrontMatterBlock or HtmlBlock or ThematicBreakBlock or LinkReferenceDefinitionGroup:
                    break;
                case HeadingBlock heading:
                    builder.AddHeading(MarkdownInlineText.Of(heading.Inline), heading.Level);
                    break;
                case Table table:
                    AddTable(table, builder);
                    break;
                case CodeBlock code:
                    // Covers fenced and indented code; line structure is kept.
                    builder.AddPreformatted(code.Lines.ToString());
                    break;
                case LeafBlock leaf when leaf.Inline is not null:
                    builder.AddParagraph(MarkdownInlineText.Of(leaf.Inline));
                    break;
                case LeafBlock leaf:
                    builder.AddParagraph(TextNormalizer.Collapse(leaf.Lines.ToString()));
                    break;
                case ContainerBlock nested:
                    // Lists, list items, quotes, definition lists: their children carry the text.
                    AddBlocks(nested, builder, cancellationToken);
                    break;
            }
        }
    }

    private static void AddTable(Table table, ParsedDocumentBuilder builder)
    {
        foreach (var row in table.OfType<TableRow>())
        {
            var cells = row.OfType<TableCell>()
                .Select(cell => TextNormalizer.Collapse(string.Join(' ', cell.OfType<LeafBlock>().Select(l => MarkdownInlineText.Of(l.Inline)))))
                .Where(c => c.Length > 0);
            builder.AddParagraph(string.Join(" | ", cells));
        }
    }
}
