using System.CommandLine;
using Rag.Cli;

namespace Rag.Bench.Commands;

/// <summary><c>rag bench embed|ingest|query|audit|generate|web</c>: speed and memory, each against its own ceiling measured in the same run.</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context) =>
        new("bench", "Benchmarks: print a table and write JSON (see bench/README.md).")
        {
            BenchEmbedCommand.Create(context),
            BenchIngestCommand.Create(context),
            BenchQueryCommand.Create(context),
            BenchAuditCommand.Create(context),
            BenchGenerateCommand.Create(context),
            BenchWebCommand.Create(context),
        };
}
