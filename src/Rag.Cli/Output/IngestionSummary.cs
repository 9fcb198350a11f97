using Rag.Core.Text;
using Rag.Ingest.Pipeline;
using Spectre.Console;

namespace Rag.Cli.Output;

/// <summary>The end-of-run summary: counts by outcome and every failed or skipped file with its reason.</summary>
internal static class IngestionSummary
{
    public static void Print(IAnsiConsole console, string setName, IReadOnlyList<IngestionResult> results)
    {
        int Count(IngestionStatus s) => results.Count(r => r.Status == s);
        console.MarkupLine(
            $"[bold]{Markup.Escape(TerminalText.Escape(setName))}[/]: {Count(IngestionStatus.Indexed)} indexed, {Count(IngestionStatus.Unchanged)} unchanged, " +
            $"{Count(IngestionStatus.Skipped)} skipped, {Count(IngestionStatus.Failed)} failed; " +
            $"{results.Sum(r => r.Pages)} pages, {results.Where(r => r.Status == IngestionStatus.Indexed).Sum(r => r.Chunks)} chunks.");
        var problems = results.Where(r => r.Status is IngestionStatus.Failed or IngestionStatus.Skipped).ToList();
        if (problems.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumns("file", "outcome", "reason");
        foreach (var r in problems)
        {
            // File names are the files' authors' text: control characters in them must not reach the operator's terminal.
            table.AddRow(Markup.Escape(TerminalText.Escape(r.Path)), r.Status == IngestionStatus.Failed ? "[red]failed[/]" : "[yellow]skipped[/]", Markup.Escape(TerminalText.Escape(r.Reason)));
        }

        console.Write(table);
    }
}
