using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rag.Cli.Tests.Fixtures;

namespace Rag.Cli.Tests.Commands;

public sealed partial class ApiKeyCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Create_PrintsKeyOnceAndConfigurationWithItsSha256()
    {
        var run = await _cli.RunAsync("api-key", "create", "--id", "reports", "--groups", "finance, employees", "--name", "Reports service");

        Assert.Equal(0, run.ExitCode);
        var key = Assert.Single(KeyLine().Matches(run.Output)).Groups["key"].Value;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        Assert.Contains("Rag__Api__Keys__0__KeySha256=" + hash, run.Output, StringComparison.Ordinal);
        Assert.Contains("Rag__Api__Keys__0__Id=reports", run.Output, StringComparison.Ordinal);
        Assert.Contains("Rag__Api__Keys__0__DisplayName=Reports service", run.Output, StringComparison.Ordinal);
        Assert.Contains("Rag__Api__Keys__0__Groups__0=finance", run.Output, StringComparison.Ordinal);
        Assert.Contains("Rag__Api__Keys__0__Groups__1=employees", run.Output, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(run.Output, Regex.Escape(key)));
        using var json = JsonDocument.Parse(run.Output[run.Output.IndexOf('{', StringComparison.Ordinal)..]);
        Assert.Equal(hash, json.RootElement.GetProperty("KeySha256").GetString());
    }

    [Fact]
    public async Task Create_Twice_GivesDifferent256BitKeys()
    {
        var first = KeyLine().Match((await _cli.RunAsync("api-key", "create", "--id", "a", "--groups", "g")).Output).Groups["secret"].Value;
        var second = KeyLine().Match((await _cli.RunAsync("api-key", "create", "--id", "a", "--groups", "g")).Output).Groups["secret"].Value;

        Assert.NotEqual(first, second);
        Assert.Equal(32, Convert.FromBase64String(first.Replace('-', '+').Replace('_', '/') + "=").Length);
    }

    [Theory]
    [InlineData("bad id", "g")]
    [InlineData("ok", ",")]
    public async Task Create_InvalidIdOrNoGroups_FailsWithoutAKey(string id, string groups)
    {
        var run = await _cli.RunAsync("api-key", "create", "--id", id, "--groups", groups);

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("rag_", run.Output, StringComparison.Ordinal);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();

    [GeneratedRegex(@"^  (?<key>rag_[A-Za-z0-9.-]+_(?<secret>[A-Za-z0-9_-]{43}))$", RegexOptions.Multiline)]
    private static partial Regex KeyLine();
}
