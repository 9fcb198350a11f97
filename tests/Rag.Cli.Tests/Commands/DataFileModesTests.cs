using System.Globalization;
using Rag.Cli.Tests.Fixtures;

namespace Rag.Cli.Tests.Commands;

/// <summary>
/// What Rag writes is for the account that runs it only: after a real ingest, conversation, audit query, checkpoint
/// and export, the data directory is 0700 and every file in it (databases, key, lock and checkpoint files) 0600, as is
/// the export; only the public key stays readable. (The -wal/-shm files, gone once the process closes its databases,
/// are checked while open in Rag.Storage.Tests.) Modes are checked on Unix (Windows has ACLs).
/// </summary>
public sealed class DataFileModesTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = Private | UnixFileMode.UserExecute;
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task IngestAskAuditExport_EveryFileWritten_IsOwnerOnly()
    {
        var export = Path.Combine(_cli.Folder("exports"), "audit.json");

        await RunAllAsync(export);

        var data = _cli.Paths.DataDirectory;
        var files = Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).ToList();
        foreach (var name in new[] { "rag.db", "audit.db", "conversations.db", "audit-checkpoints.jsonl", "audit-signing-key.pem" })
        {
            Assert.Contains(Path.Combine(data, name), files);
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(PrivateDirectory, File.GetUnixFileMode(data));
            foreach (var directory in Directory.EnumerateDirectories(data, "*", SearchOption.AllDirectories))
            {
                Assert.True(File.GetUnixFileMode(directory) == PrivateDirectory, $"{directory}: {File.GetUnixFileMode(directory)}");
            }

            foreach (var file in files.Where(f => !f.EndsWith(".pub.pem", StringComparison.Ordinal)).Append(export).Append(export + ".manifest.json"))
            {
                Assert.True(File.GetUnixFileMode(file) == Private, $"{file}: {File.GetUnixFileMode(file)}");
            }
        }
    }

    [Fact]
    public async Task Ask_DataDirectoryLeftOpenByAnOlderRelease_IsTightenedAtStart()
    {
        Assert.Equal(0, (await _cli.RunAsync("ingest", Documents(), "--set", "handbook", "--groups", "staff")).ExitCode);
        var data = _cli.Paths.DataDirectory;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(data, PrivateDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            foreach (var file in Directory.EnumerateFiles(data))
            {
                File.SetUnixFileMode(file, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
        }

        Assert.Equal(0, (await _cli.RunAsync("ask", "How many days of leave?", "--groups", "staff", "--conversation", "c1")).ExitCode);

        Assert.Contains(Path.Combine(data, "rag.db"), Directory.EnumerateFiles(data));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(PrivateDirectory, File.GetUnixFileMode(data));
            foreach (var file in Directory.EnumerateFiles(data).Where(f => !f.EndsWith(".pub.pem", StringComparison.Ordinal)))
            {
                Assert.True(File.GetUnixFileMode(file) == Private, $"{file}: {File.GetUnixFileMode(file)}");
            }
        }
    }

    public void Dispose() => _cli.Dispose();

    private async Task RunAllAsync(string export)
    {
        Assert.Equal(0, (await _cli.RunAsync("ingest", Documents(), "--set", "handbook", "--groups", "staff")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("ask", "How many days of leave?", "--groups", "staff", "--conversation", "c1")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("ask", "And for part-time staff?", "--groups", "staff", "--conversation", "c1")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("audit", "checkpoint")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("audit", "query", "--json")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("audit", "verify")).ExitCode);
        var today = DateTime.UtcNow;
        var exported = await _cli.RunAsync(
            "audit", "export", "--from", today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--to", today.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--format", "json", export);
        Assert.True(exported.ExitCode == 0, exported.Error);
    }

    private string Documents()
    {
        var docs = _cli.Folder("handbook");
        File.WriteAllText(Path.Combine(docs, "leave.md"), "# Leave\n\n## Annual leave\n\nEvery employee gets twenty-five days of annual leave per year. Part-time staff get a pro-rata share.\n");
        return docs;
    }
}
