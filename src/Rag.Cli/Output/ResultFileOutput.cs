using Rag.Evaluation.Reporting;
using Spectre.Console;

namespace Rag.Cli.Output;

/// <summary>Writes an evaluation or benchmark result as JSON and tells the person where it went.</summary>
internal static class ResultFileOutput
{
    public static async Task WriteAsync<T>(IAnsiConsole console, string path, T result, CancellationToken cancellationToken)
    {
        await ResultFile.WriteAsync(path, result, cancellationToken);
        console.MarkupLine($"Results written to [bold]{Markup.Escape(Path.GetFullPath(path))}[/].");
    }
}
