using Rag.Cli.Tests.Fixtures;

namespace Rag.Cli.Tests.Commands;

/// <summary>
/// Group names through the command line are compared by one rule (NFC, ASCII letters folded, ordinal): a Unicode
/// look-alike of a reading group reads nothing, while the same name in other ASCII case does read.
/// </summary>
public sealed class GroupNameTests : IAsyncLifetime, IDisposable
{
    private const string Marker = "QUARTZLYNX-5521";
    private const string Question = "What is the sales bonus code?";
    private readonly CliHarness _cli = new();

    public async Task InitializeAsync()
    {
        var docs = _cli.Folder("sales");
        await File.WriteAllTextAsync(Path.Combine(docs, "bonus.md"), $"# Sales bonus\n\nThe sales bonus code is {Marker}.\n\nIt is paid every quarter.\n");
        Assert.Equal(0, (await _cli.RunAsync("ingest", docs, "--set", "sales", "--groups", "sales,it")).ExitCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("\u017Fales")]                        // ſ long s: upper-invariant SALES
    [InlineData("\u0131t")]                           // ı dotless i: upper-invariant IT
    [InlineData("\uFF53\uFF41\uFF4C\uFF45\uFF53")]    // fullwidth
    [InlineData("\u0130T")]                           // İ Turkish capital I with dot
    public async Task Ask_UnicodeLookalikeOfTheReadingGroup_SeesNothing(string group)
    {
        var run = await _cli.RunAsync("ask", Question, "--groups", group, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(Marker, run.Output + run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SALES")]
    [InlineData("It")]
    public async Task Ask_ReadingGroupInOtherAsciiCase_SeesTheSet(string group)
    {
        var run = await _cli.RunAsync("ask", Question, "--groups", group, "--json");

        Assert.Contains(Marker, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_KelvinSignGroup_FailsSayingWhy()
    {
        var run = await _cli.RunAsync("ask", Question, "--groups", "\u212Aiosk", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("U+212A", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeyCreate_GroupWithControlCharacter_FailsSayingWhy()
    {
        var run = await _cli.RunAsync("api-key", "create", "--id", "bad", "--groups", "sales\u001B[2J");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("U+001B", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("rag_bad_", run.Output, StringComparison.Ordinal);
    }
}
