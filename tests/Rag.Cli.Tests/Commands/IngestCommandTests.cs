using Microsoft.Extensions.DependencyInjection;
using Rag.Cli.Tests.Fixtures;
using Rag.Core.Audit;
using Rag.Core.Storage;
using Rag.Ingest.Pipeline;
using Rag.Testing;

namespace Rag.Cli.Tests.Commands;

public sealed class IngestCommandTests
{
    [Fact]
    public async Task Ingest_SameFilesTwice_SecondRunDoesNoWork()
    {
        using var cli = new CliHarness();
        var docs = cli.Folder("notes");
        await File.WriteAllTextAsync(Path.Combine(docs, "a.txt"), "The cafeteria opens at eight.\n\nLunch is served from noon.");
        await File.WriteAllTextAsync(Path.Combine(docs, "b.md"), "# Parking\n\nVisitors park on level two.");

        var first = await cli.RunAsync("ingest", docs, "--set", "notes", "--groups", "staff");
        var second = await cli.RunAsync("ingest", docs, "--set", "notes", "--groups", "staff");

        Assert.Contains("2 indexed, 0 unchanged", first.Output, StringComparison.Ordinal);
        Assert.Contains("0 indexed, 2 unchanged", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_ChangedFile_ReplacesItsOldChunks()
    {
        using var cli = new CliHarness();
        var docs = cli.Folder("menu");
        var file = Path.Combine(docs, "menu.md");
        await File.WriteAllTextAsync(file, "# Menu\n\nOn Fridays the canteen serves grilled salmon with dill potatoes.");
        Assert.Equal(0, (await cli.RunAsync("ingest", docs, "--set", "menu", "--groups", "staff")).ExitCode);
        await File.WriteAllTextAsync(file, "# Menu\n\nOn Fridays the canteen serves mushroom risotto with parmesan.");

        var again = await cli.RunAsync("ingest", docs, "--set", "menu", "--groups", "staff");
        var ask = await cli.RunAsync("ask", "What does the canteen serve on Fridays?", "--groups", "staff", "--json");

        Assert.Contains("1 indexed", again.Output, StringComparison.Ordinal);
        Assert.Contains("risotto", ask.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("salmon", ask.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_UnknownFileType_ReportedAsSkipped()
    {
        using var cli = new CliHarness();
        var docs = cli.Folder("mixed");
        await File.WriteAllTextAsync(Path.Combine(docs, "ok.txt"), "Plain text is supported.");
        await File.WriteAllBytesAsync(Path.Combine(docs, "photo.jpg"), [0xFF, 0xD8, 0xFF, 0xE0]);

        var run = await cli.RunAsync("ingest", docs, "--set", "mixed", "--groups", "staff");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 indexed, 0 unchanged, 1 skipped, 0 failed", run.Output, StringComparison.Ordinal);
        Assert.Contains("photo.jpg", run.Output, StringComparison.Ordinal);
        Assert.Contains("unsupported file type '.jpg'", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_FileNameWithTerminalControls_PrintedEscaped()
    {
        using var cli = new CliHarness();
        var docs = cli.Folder("hostile");
        await File.WriteAllTextAsync(Path.Combine(docs, "ok.txt"), "Plain text is supported.");
        // ESC ] 0 ; title BEL sets the terminal's title; U+202E turns "gpj.exe" into "exe.jpg" on screen.
        var name = "a\u001b]0;PWNED\u0007b\u001b[31m\u202Egpj.exe.jpg";
        await File.WriteAllBytesAsync(Path.Combine(docs, name), [0xFF, 0xD8, 0xFF, 0xE0]);

        var run = await cli.RunAsync("ingest", docs, "--set", "hostile", "--groups", "staff");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 skipped", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("a\\x1B]0;PWNED\\x07b\\x1B[31m\\u202Egpj.exe.jpg", FileColumn(run.Output), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Output + run.Error, c => c is '\u001b' or '\u0007' or '\u202E');
    }

    [Fact]
    public async Task Ingest_MissingPathWithTerminalControls_ErrorPrintedEscaped()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("ingest", "/nonexistent/\u001b]0;PWNED\u0007\u009b31m\u2067x", "--set", "x", "--groups", "g");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("/nonexistent/\\x1B]0;PWNED\\x07\\x9B31m\\u2067x", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Error, c => c is '\u001b' or '\u0007' or '\u009b' or '\u2067');
    }

    [Fact]
    public async Task Ingest_NewSetWithoutGroups_FailsWithClearError()
    {
        using var cli = new CliHarness();
        var docs = cli.Folder("orphans");
        await File.WriteAllTextAsync(Path.Combine(docs, "x.txt"), "Some text.");

        var run = await cli.RunAsync("ingest", docs, "--set", "orphans");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Document set 'orphans' does not exist", run.Error, StringComparison.Ordinal);
        Assert.Contains("--groups", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_MissingPath_FailsWithClearError()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("ingest", "/nonexistent/folder", "--set", "x", "--groups", "g");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'/nonexistent/folder' is neither a file nor a folder", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_TwoRootsWithTheSameRelativePath_FailsNamingBothFilesAndIngestsNothing()
    {
        using var cli = new CliHarness();
        var first = cli.Folder("first");
        var second = cli.Folder("second");
        Directory.CreateDirectory(Path.Combine(first, "sub"));
        Directory.CreateDirectory(Path.Combine(second, "sub"));
        await File.WriteAllTextAsync(Path.Combine(first, "sub", "readme.md"), "# First\n\nThe first readme names the amberlynx project.");
        await File.WriteAllTextAsync(Path.Combine(second, "sub", "readme.md"), "# Second\n\nThe second readme names the cobaltlynx project.");
        await File.WriteAllTextAsync(Path.Combine(second, "other.md"), "# Other\n\nAn unrelated file.");

        var run = await cli.RunAsync("ingest", first, second, "--set", "docs", "--groups", "staff");
        var ask = await cli.RunAsync("ask", "Which project does the readme name?", "--groups", "staff", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(Path.Combine(first, "sub", "readme.md"), run.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(second, "sub", "readme.md"), run.Error, StringComparison.Ordinal);
        Assert.Contains("'sub/readme.md'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("amberlynx", ask.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("cobaltlynx", ask.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_TwoRootsWithTheSameRelativePathGivenByTheirParent_KeepsBoth()
    {
        using var cli = new CliHarness();
        var parent = cli.Folder("parent");
        Directory.CreateDirectory(Path.Combine(parent, "first", "sub"));
        Directory.CreateDirectory(Path.Combine(parent, "second", "sub"));
        await File.WriteAllTextAsync(Path.Combine(parent, "first", "sub", "readme.md"), "# First\n\nThe first readme names the amberlynx project.");
        await File.WriteAllTextAsync(Path.Combine(parent, "second", "sub", "readme.md"), "# Second\n\nThe second readme names the cobaltlynx project.");

        var run = await cli.RunAsync("ingest", parent, parent, "--set", "docs", "--groups", "staff");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 indexed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_SetsDifferingOnlyByNonAsciiCase_EachKeepsItsDocument()
    {
        using var cli = new CliHarness();
        var doctors = cli.Folder("doctors");
        var nurses = cli.Folder("nurses");
        Directory.CreateDirectory(Path.Combine(doctors, "sub"));
        Directory.CreateDirectory(Path.Combine(nurses, "sub"));
        await File.WriteAllTextAsync(Path.Combine(doctors, "sub", "readme.md"), "# Rota\n\nThe doctors' night rota is kept in the amberlynx binder.");
        await File.WriteAllTextAsync(Path.Combine(nurses, "sub", "readme.md"), "# Rota\n\nThe nurses' night rota is kept in the cobaltlynx binder.");

        Assert.Equal(0, (await cli.RunAsync("ingest", doctors, "--set", "\u00C4rzte", "--groups", "doctors")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("ingest", nurses, "--set", "\u00E4rzte", "--groups", "nurses")).ExitCode);
        var again = await cli.RunAsync("ingest", doctors, "--set", "A\u0308rzte");
        var asDoctor = await cli.RunAsync("ask", "Where is the night rota kept?", "--groups", "doctors", "--json");
        var asNurse = await cli.RunAsync("ask", "Where is the night rota kept?", "--groups", "nurses", "--json");

        Assert.Contains("amberlynx", asDoctor.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("cobaltlynx", asDoctor.Output, StringComparison.Ordinal);
        Assert.Contains("cobaltlynx", asNurse.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("amberlynx", asNurse.Output, StringComparison.Ordinal);
        Assert.Contains("0 indexed, 1 unchanged", again.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--set", "bad\u200Bset", "The document set name", "U+200B")]
    [InlineData("--groups", "staff,sa\u001B]0;pwned\u0007les", "The group name", "U+001B")]
    public async Task Ingest_BrokenSetOrGroupName_FailsSayingWhyAndIngestsNothing(string option, string value, string expected, string codePoint)
    {
        using var cli = new CliHarness();
        var docs = cli.Folder("named");
        await File.WriteAllTextAsync(Path.Combine(docs, "x.txt"), "Some text about quartzlynx.");
        string[] args = option == "--set" ? ["ingest", docs, "--set", value, "--groups", "staff"] : ["ingest", docs, "--set", "named", "--groups", value];

        var run = await cli.RunAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Contains(codePoint, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001B', run.Error);
        Assert.DoesNotContain("quartzlynx", (await cli.RunAsync("ask", "What is the text about?", "--groups", "staff", "--json")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_HostilePdfs_EachEndsIndexedOrFailedWithReason()
    {
        using var cli = new CliHarness(configuration: new Dictionary<string, string?> { ["Rag:Ingestion:PerFileTimeout"] = "00:00:20" });
        var hostile = RepoPaths.SharedPath("data", "hostile-pdfs");
        var expected = Directory.GetFiles(hostile, "*.pdf").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        await using var services = RagServices.Build(cli.Paths, cli.Configuration);
        var pipeline = services.GetRequiredService<IngestionPipeline>();

        var results = new List<IngestionResult>();
        await foreach (var result in pipeline.IngestAsync(new IngestionRequest([hostile], "hostile", ["qa"], "test")))
        {
            results.Add(result);
        }

        Assert.Equal(expected, results.Select(r => Path.GetFileName(r.Path)!).Order(StringComparer.Ordinal).ToList());
        Assert.All(results, r =>
        {
            Assert.True(r.Status is IngestionStatus.Indexed or IngestionStatus.Failed, $"{r.Path}: {r.Status}");
            if (r.Status == IngestionStatus.Failed)
            {
                Assert.False(string.IsNullOrWhiteSpace(r.Reason), r.Path);
            }
            else
            {
                Assert.True(r.Chunks > 0, r.Path);
            }
        });
        var failures = new List<AuditRecord>();
        await foreach (var record in services.GetRequiredService<IAuditLog>().ReadAsync())
        {
            if (record.Event.Action == AuditActions.DocumentFailed)
            {
                failures.Add(record);
            }
        }

        Assert.Equal(results.Count(r => r.Status == IngestionStatus.Failed), failures.Count);
        var stats = await services.GetRequiredService<IDocumentIndex>().GetStatisticsAsync();
        Assert.Equal(results.Count(r => r.Status == IngestionStatus.Indexed), stats.Documents);
    }

    /// <summary>The summary table's file column, its wrapped lines joined (the table wraps long paths).</summary>
    private static string FileColumn(string output) => string.Concat(output.Split('\n')
        .Select(line => line.Split('│', '|'))
        .Where(cells => cells.Length > 3)
        .Select(cells => cells[1].Trim())
        .Where(cell => cell != "file"));
}
