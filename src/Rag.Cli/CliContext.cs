using Spectre.Console;

namespace Rag.Cli;

/// <summary>What every command gets: its console streams and the resolved paths.</summary>
internal sealed class CliContext(
    TextWriter output, TextWriter error, TextReader input, RagPaths paths, IReadOnlyDictionary<string, string?>? configurationOverrides = null, string? account = null)
{
    /// <summary>The operating-system account running the command (<see cref="Environment.UserName"/>; tests run as others).</summary>
    public string Account { get; } = string.IsNullOrWhiteSpace(account) ? Environment.UserName : account;

    /// <summary>Configuration applied last (tests use it instead of process-wide environment variables).</summary>
    public IReadOnlyDictionary<string, string?>? ConfigurationOverrides { get; } = configurationOverrides;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public TextReader Input { get; } = input;

    public RagPaths Paths { get; } = paths;

    /// <summary>A Spectre console over <see cref="Output"/> (colours and live progress only on a terminal).</summary>
    public IAnsiConsole Console { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output),
        Ansi = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
        Interactive = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected ? InteractionSupport.Detect : InteractionSupport.No,
    });

    public static IReadOnlyList<string> SplitList(string? value) =>
        value is null ? [] : value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
