using Rag.Testing;

namespace Rag.Audit.Tests.Layout;

/// <summary>
/// No host or adapter binds to the concrete audit store: outside src/Rag.Audit (and its tests) code goes through the
/// ports in Rag.Core.Audit, so a second store plugs in without touching the hosts.
/// </summary>
public sealed class SqliteAuditLogReferencesTests
{
    private const string ConcreteStore = nameof(SqliteAuditLog);

    private static readonly string[] s_scanned = ["src", "ingest", "bench", "tests"];

    // The audit benchmark measures the SQLite store as shipped, by design (bench/README.md): it is not a host.
    private static readonly string[] s_allowed =
    [
        Path.Combine("src", "Rag.Audit") + Path.DirectorySeparatorChar,
        Path.Combine("tests", "Rag.Audit.Tests") + Path.DirectorySeparatorChar,
        Path.Combine("bench", "Rag.Bench", "Audit") + Path.DirectorySeparatorChar,
    ];

    [Fact]
    public void SourceFiles_OutsideRagAudit_NeverNameSqliteAuditLog()
    {
        var offending = s_scanned
            .Select(folder => Path.Combine(RepoPaths.Root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories))
            .Where(file => Path.GetExtension(file) is ".cs" or ".razor" or ".csproj")
            .Select(file => Path.GetRelativePath(RepoPaths.Root, file))
            .Where(file => !IsBuildOutput(file) && !s_allowed.Any(allowed => file.StartsWith(allowed, StringComparison.Ordinal)))
            .Where(file => File.ReadAllText(Path.Combine(RepoPaths.Root, file)).Contains(ConcreteStore, StringComparison.Ordinal))
            .ToList();

        Assert.True(offending.Count == 0, $"{ConcreteStore} is named outside src/Rag.Audit: {string.Join(", ", offending)}");
    }

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");
}
