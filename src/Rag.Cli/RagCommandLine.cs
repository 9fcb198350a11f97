using System.CommandLine;
using Microsoft.Extensions.Options;
using Rag.Cli.Commands;
using Rag.Cli.Commands.Audit;
using Rag.Cli.Models;
using Rag.Core.Answers;
using Rag.Core.Audit;
using Rag.Core.Storage;
using Rag.Core.Text;
using Rag.Evaluation.Beir;

namespace Rag.Cli;

/// <summary>The <c>rag</c> command line.</summary>
internal static class RagCommandLine
{
    public const int ExitOk = 0;
    public const int ExitError = 1;
    public const int ExitUsage = 2;
    public const int ExitAuditRefused = 3;
    public const int ExitSomeFilesFailed = 4;
    public const int ExitAuditDamaged = 5;

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Rag: a privacy-enforcing, on-premises document assistant. Nothing leaves the premises.")
        {
            ModelsCommand.Create(context),
            IngestCommand.Create(context),
            DocumentsCommand.Create(context),
            SetsCommand.Create(context),
            AskCommand.Create(context),
            UpCommand.Create(context),
            ChatCommand.Create(context),
            EvalCommand.Create(context),
            AuditCommand.Create(context),
            ApiKeyCommand.Create(context),
        };
        return await InvokeAsync(root, args, context, cancellationToken);
    }

    /// <summary>Runs <paramref name="root"/> with the command line's exit codes and error messages (bench/Rag.Bench runs <c>rag bench</c> through it).</summary>
    internal static async Task<int> InvokeAsync(RootCommand root, string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(context);
        var (output, error) = (context.Output, context.Error);
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await root.Parse(args).InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception ex) when (Describe(ex) is { } message)
        {
            // Messages quote paths and names from the files and the command line: no control character reaches the terminal.
            await error.WriteLineAsync("error: " + TerminalText.Escape(message, keepNewLines: true));
            return ex is AuditUnavailableException ? ExitAuditRefused : ExitError;
        }
    }

    /// <summary>The message a person sees for an expected failure; null for bugs, which keep their stack trace.</summary>
    private static string? Describe(Exception ex) => ex switch
    {
        OptionsValidationException o => "invalid configuration: " + string.Join("; ", o.Failures),

        // Start-up validation throws one AggregateException when several option types are wrong at once.
        AggregateException a when a.InnerExceptions.Count > 0 && a.InnerExceptions.All(e => e is OptionsValidationException) =>
            "invalid configuration: " + string.Join("; ", a.InnerExceptions.Cast<OptionsValidationException>().SelectMany(o => o.Failures).Distinct(StringComparer.Ordinal)),
        ModelInstallException or EmbeddingModelMismatchException or AuditUnavailableException or BeirFormatException => ex.Message,
        InvalidOperationException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or ArgumentException => ex.Message,
        OperationCanceledException => "cancelled",

        // The model server failed after part of the answer was shown (that part is on the audit record, as failed).
        AnswerIncompleteException or HttpRequestException or System.ClientModel.ClientResultException => ex.Message,
        _ => null,
    };
}
