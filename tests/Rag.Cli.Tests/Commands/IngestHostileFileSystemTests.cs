using System.Diagnostics;
using Rag.Cli.Tests.Fixtures;
using Rag.Testing;

namespace Rag.Cli.Tests.Commands;

/// <summary>
/// A folder's contents are hostile input: every case here hung, crashed or escaped the folder before the walk read
/// only regular files inside it and listed everything else with its reason.
/// </summary>
public sealed class IngestHostileFileSystemTests
{
    // Long enough for the models to load and a few files to be indexed; a hang is far longer.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Ingest_FolderWithNamedPipe_SkipsItAndDoesNotHang()
    {
        using var cli = new CliHarness();
        var docs = cli.Folder("pipes");
        await File.WriteAllTextAsync(Path.Combine(docs, "ok.txt"), "The boiler room key hangs behind the door.");
        await RunToolAsync("mkfifo", Path.Combine(docs, "pipe.txt"));

        var run = await cli.RunAsync("ingest", docs, "--set", "pipes", "--groups", "staff").WaitAsync(Limit);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 indexed, 0 unchanged, 1 skipped, 0 failed", run.Output, StringComparison.Ordinal);
        Assert.Contains("not a regular file (named pipe (FIFO))", ReasonColumn(run.Output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_LinkToDevZero_SkipsItAndDoesNotHang()
    {
        using var cli = new CliHarness();
        var docs = cli.Folder("zero");
        await File.WriteAllTextAsync(Path.Combine(docs, "ok.txt"), "The boiler room key hangs behind the door.");
        File.CreateSymbolicLink(Path.Combine(docs, "zero.txt"), "/dev/zero");

        var run = await cli.RunAsync("ingest", docs, "--set", "zero", "--groups", "staff").WaitAsync(Limit);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 indexed, 0 unchanged, 1 skipped, 0 failed", run.Output, StringComparison.Ordinal);
        Assert.Contains("link to outside the ingested folder, not followed", ReasonColumn(run.Output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_LinkToFileOutsideFolder_NotIndexedNorAnswerable()
    {
        using var cli = new CliHarness();
        var docs = cli.Folder("public");
        var elsewhere = cli.Folder("private");
        await File.WriteAllTextAsync(Path.Combine(docs, "ok.txt"), "The canteen opens at eight.");
        var secret = Path.Combine(elsewhere, "salaries.txt");
        await File.WriteAllTextAsync(secret, "The chief executive's salary is paid into the zirconlynx account.");
        File.CreateSymbolicLink(Path.Combine(docs, "salaries.txt"), secret);

        var run = await cli.RunAsync("ingest", docs, "--set", "public", "--groups", "staff");
        var ask = await cli.RunAsync("ask", "Into which account is the chief executive's salary paid?", "--groups", "staff", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 indexed, 0 unchanged, 1 skipped, 0 failed", run.Output, StringComparison.Ordinal);
        Assert.Contains("link to outside the ingested folder, not followed", ReasonColumn(run.Output), StringComparison.Ordinal);
        Assert.DoesNotContain("zirconlynx", ask.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_FolderLinkLoop_IndexesTheFileOnceAndListsTheLink()
    {
        using var cli = new CliHarness();
        var docs = cli.Folder("loop");
        await File.WriteAllTextAsync(Path.Combine(docs, "a.txt"), "The boiler room key hangs behind the door.");
        Directory.CreateDirectory(Path.Combine(docs, "sub"));
        Directory.CreateSymbolicLink(Path.Combine(docs, "sub", "again"), docs);

        var run = await cli.RunAsync("ingest", docs, "--set", "loop", "--groups", "staff");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 indexed, 0 unchanged, 1 skipped, 0 failed", run.Output, StringComparison.Ordinal);
        Assert.Contains("link, not followed", ReasonColumn(run.Output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_TreeDeeperThanPathLimit_IndexesTheRestAndListsWhatItCouldNotReach()
    {
        using var cli = new CliHarness();
        var docs = cli.Folder("deep");
        await File.WriteAllTextAsync(Path.Combine(docs, "ok.txt"), "The boiler room key hangs behind the door.");
        var segment = new string('d', 200);
        // Built in two parts and moved together, because no single call may name a path longer than the limit (4096).
        var upper = Path.Combine(docs, Path.Combine(Enumerable.Repeat(segment, 15).ToArray()));
        Directory.CreateDirectory(upper);
        var staging = cli.Folder("staging");
        var lower = Path.Combine(staging, Path.Combine(Enumerable.Repeat(segment, 10).ToArray()));
        Directory.CreateDirectory(lower);
        await File.WriteAllTextAsync(Path.Combine(lower, "unreachable.txt"), "Too deep to open.");
        var moved = Path.Combine(upper, "s");
        Directory.Move(staging, moved);
        try
        {
            var run = await cli.RunAsync("ingest", docs, "--set", "deep", "--groups", "staff").WaitAsync(Limit);

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("1 indexed, 0 unchanged, 1 skipped, 0 failed", run.Output, StringComparison.Ordinal);
            Assert.Contains("the path is longer than the system allows", ReasonColumn(run.Output), StringComparison.Ordinal);
        }
        finally
        {
            // Moved back so the temporary folder can be deleted with paths the system accepts.
            Directory.Move(moved, staging);
        }
    }

    [Fact]
    public async Task Ingest_DotFilesAndFolders_ListedAsSkippedWithTheirReason()
    {
        using var cli = new CliHarness();
        var docs = cli.Folder("dots");
        await File.WriteAllTextAsync(Path.Combine(docs, "ok.txt"), "The boiler room key hangs behind the door.");
        await File.WriteAllTextAsync(Path.Combine(docs, ".env"), "PASSWORD=hunter2");
        Directory.CreateDirectory(Path.Combine(docs, ".git"));
        await File.WriteAllTextAsync(Path.Combine(docs, ".git", "HEAD.txt"), "ref: refs/heads/main");

        var run = await cli.RunAsync("ingest", docs, "--set", "dots", "--groups", "staff");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 indexed, 0 unchanged, 2 skipped, 0 failed", run.Output, StringComparison.Ordinal);
        var reasons = ReasonColumn(run.Output);
        Assert.Contains("hidden file (name starts with '.')", reasons, StringComparison.Ordinal);
        Assert.Contains("hidden folder (name starts with '.')", reasons, StringComparison.Ordinal);
    }

    /// <summary>The summary table's reason column, its wrapped lines joined by spaces (the table wraps long reasons).</summary>
    private static string ReasonColumn(string output) => string.Join(' ', output.Split('\n')
        .Select(line => line.Split('│', '|'))
        .Where(cells => cells.Length > 3)
        .Select(cells => cells[3].Trim())
        .Where(cell => cell.Length > 0 && cell != "reason"));

    private static async Task RunToolAsync(string tool, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, args) { UseShellExecute = false }) ?? throw new InvalidOperationException($"{tool} did not start");
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }
}
