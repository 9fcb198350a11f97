namespace Rag.Cli.Tests.Fixtures;

/// <summary>What one in-process run of the command line printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error);
