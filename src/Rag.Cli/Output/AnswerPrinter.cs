using Rag.Core.Access;
using Rag.Core.Answers;
using Rag.Core.Text;
using Spectre.Console;

namespace Rag.Cli.Output;

/// <summary>Prints an answer and its numbered sources for a person.</summary>
internal static class AnswerPrinter
{
    /// <summary>Prints the answer text as it streams in, then its warnings and sources; returns the final answer.</summary>
    public static async Task<Answer> StreamAsync(CliContext context, IAsyncEnumerable<AnswerUpdate> updates, AccessScope scope, CancellationToken cancellationToken)
    {
        if (scope.IsEmpty)
        {
            context.Console.MarkupLine("[yellow]You asked without any groups, so no document is visible to you. Pass --groups (or set RAG_GROUPS).[/]");
        }

        Answer? final = null;
        var printed = false;
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            if (!printed && update.Final?.Notice is { } notice)
            {
                // The model failed before writing anything: say so before the quoted passages that stand in.
                context.Console.MarkupLine($"[yellow]{Markup.Escape(notice)}[/]");
            }

            printed |= update.Text.Length > 0;
            await context.Output.WriteAsync(update.Text);
            await context.Output.FlushAsync(cancellationToken);
            final = update.Final ?? final;
        }

        await context.Output.WriteLineAsync();
        if (final is null)
        {
            throw new InvalidOperationException("The answer stream ended without a final answer.");
        }

        PrintNotes(context.Console, final);
        PrintSources(context.Console, final);
        return final;
    }

    private static void PrintNotes(IAnsiConsole console, Answer answer)
    {
        if (answer.RemovedCitations.Count > 0)
        {
            console.MarkupLine($"[yellow]Removed citation(s) to sources that were not retrieved: {Markup.Escape(string.Join(", ", answer.RemovedCitations.Select(n => $"[{n}]")))}.[/]");
        }

        if (answer.FoundRelevant && !answer.Grounded)
        {
            console.MarkupLine("[yellow]Ungrounded: the model cited none of the retrieved sources, so nothing above is backed by a document. Check before relying on it.[/]");
        }
    }

    private static void PrintSources(IAnsiConsole console, Answer answer)
    {
        if (answer.Citations.Count == 0)
        {
            return;
        }

        console.WriteLine();
        console.MarkupLine("[bold]Sources[/]");
        foreach (var c in answer.Citations)
        {
            var page = c.PageNumber is not { } first ? string.Empty : c.LastPageNumber > first ? $", pages {first}–{c.LastPageNumber}" : $", page {first}";
            var file = c.SourcePath is null ? string.Empty : $" ({TerminalText.Escape(c.SourcePath)})";
            var section = c.HeadingPath.Count == 0 ? string.Empty : " › " + string.Join(" › ", c.HeadingPath);
            console.MarkupLine($"  [bold][[{c.Number}]][/] {Markup.Escape(c.Title)}{Markup.Escape(file)}{Markup.Escape(page)}{Markup.Escape(section)}");
            console.MarkupLine($"      [grey]\"{Markup.Escape(c.Snippet)}\"[/]");
        }
    }
}
