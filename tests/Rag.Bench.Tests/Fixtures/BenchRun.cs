namespace Rag.Bench.Tests.Fixtures;

/// <summary>What one in-process run of the bench command line printed and returned.</summary>
internal sealed record BenchRun(int ExitCode, string Output, string Error);
