using Rag.Core.Access;
using Rag.Core.Answers;
using Spectre.Console;

namespace Rag.Cli.Output;

/// <summary>Prints an answer and its numbered sources for a person.</summary>
internal static class AnswerPrinter
{
    public static void Print(IAnsiConsole console, Answer answer, AccessScope scope)
    {
        if (scope.IsEmpty)
        {
            console.MarkupLine("[yellow]You asked without any groups, so no document is visible to you. Pass --groups (or set RAG_GROUPS).[/]");
        }

        console.WriteLine(answer.Text);
        if (answer.Citations.Count == 0)
        {
            return;
        }

        console.WriteLine();
        console.MarkupLine("[bold]Sources[/]");
        foreach (var c in answer.Citations)
        {
            var page = c.Page == 0 ? string.Empty : c.LastPage > c.Page ? $", pages {c.Page}–{c.LastPage}" : $", page {c.Page}";
            var section = c.HeadingPath.Count == 0 ? string.Empty : " › " + string.Join(" › ", c.HeadingPath);
            console.MarkupLine($"  [bold][[{c.Number}]][/] {Markup.Escape(c.Title)}{Markup.Escape(page)}{Markup.Escape(section)}");
            console.MarkupLine($"      [grey]\"{Markup.Escape(c.Snippet)}\"[/]");
        }
    }
}
