using System.Globalization;
using System.Text.Json;
using Rag.Cli.Tests.Fixtures;
using Rag.Core.Audit;

namespace Rag.Cli.Tests.Commands.Audit;

public sealed class AuditExportCommandTests
{
    private const string Question = "How do I connect to the VPN, please?";

    private static readonly string From = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly string To = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Export_AskedQuestions_VerifiesOkAndBothStepsAreRecorded()
    {
        using var cli = new CliHarness(account: "carla");
        await IngestAndAskAsync(cli);
        var output = Path.Combine(cli.Folder("exports"), "audit.csv");

        var export = await cli.RunAsync("audit", "export", "--from", From, "--to", To, "--format", "csv", output, "--user", "carla");
        var verify = await cli.RunAsync("audit", "verify-export", output, "--user", "carla");

        Assert.Equal(0, export.ExitCode);
        Assert.Contains("audit.csv.manifest.json", export.Output, StringComparison.Ordinal);
        Assert.Contains(Question, await File.ReadAllTextAsync(output), StringComparison.Ordinal);
        Assert.Equal(0, verify.ExitCode);
        Assert.StartsWith("OK", verify.Output, StringComparison.Ordinal);
        var exported = Assert.Single(await QueryAsync(cli, "--action", AuditActions.AuditExported));
        Assert.Equal("os:carla", exported.GetProperty("actor").GetProperty("id").GetString());
        Assert.Contains("audit.csv", exported.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var verified = Assert.Single(await QueryAsync(cli, "--action", AuditActions.AuditVerified));
        Assert.Equal(AuditOutcomes.Ok, verified.GetProperty("outcome").GetString());
        Assert.Contains("audit.csv", verified.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_SubjectAndActionFilters_JsonLinesOfOnlyThoseRecordsIncludingNoOthers()
    {
        using var cli = new CliHarness(account: "ana");
        await IngestAndAskAsync(cli);
        await cli.RunAsAsync("ben", "ask", "Is the VPN client installed?", "--groups", "staff");
        var output = Path.Combine(cli.Folder("exports"), "ana.jsonl");

        var export = await cli.RunAsync("audit", "export", "--from", From, "--to", To, "--subject", "os:ana", "--action", AuditActions.QuestionAsked, "--format", "json", output);

        Assert.Equal(0, export.ExitCode);
        var rows = (await File.ReadAllLinesAsync(output)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var row = Assert.Single(rows);
        Assert.Equal("os:ana", row.GetProperty("actor").GetProperty("id").GetString());
        Assert.Contains(Question, row.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunAsync("audit", "verify-export", output)).ExitCode);
    }

    [Fact]
    public async Task VerifyExport_OneCellChanged_Exit5NamesTheRowAndRecordsDamage()
    {
        using var cli = new CliHarness();
        await IngestAndAskAsync(cli);
        var question = Assert.Single(await QueryAsync(cli, "--action", AuditActions.QuestionAsked)).GetProperty("sequence").GetInt64();
        var output = Path.Combine(cli.Folder("exports"), "audit.csv");
        Assert.Equal(0, (await cli.RunAsync("audit", "export", "--from", From, "--to", To, "--format", "csv", output)).ExitCode);
        var text = await File.ReadAllTextAsync(output);
        var at = text.IndexOf("please", StringComparison.Ordinal);
        await File.WriteAllTextAsync(output, string.Concat(text.AsSpan(0, at), "thanks", text.AsSpan(at + "please".Length)));

        var verify = await cli.RunAsync("audit", "verify-export", output, "--json");

        Assert.Equal(5, verify.ExitCode);
        using var report = JsonDocument.Parse(verify.Output);
        Assert.False(report.RootElement.GetProperty("intact").GetBoolean());
        var named = report.RootElement.GetProperty("problems").EnumerateArray().Where(p => p.GetProperty("row").ValueKind == JsonValueKind.Number).ToList();
        var problem = Assert.Single(named);
        Assert.Equal(question, problem.GetProperty("sequence").GetInt64());
        Assert.Equal(question, problem.GetProperty("row").GetInt64()); // the export starts at record 1, so row n is record n
        Assert.Equal($"row {question} (sequence {question}): its cells do not match the signed manifest", problem.GetProperty("message").GetString());
        Assert.Equal(AuditOutcomes.Damaged, Assert.Single(await QueryAsync(cli, "--action", AuditActions.AuditVerified)).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task VerifyExport_OfflineMachineWithOnlyThePublicKey_VerifiesWithoutRecording()
    {
        using var cli = new CliHarness();
        await IngestAndAskAsync(cli);
        var output = Path.Combine(cli.Folder("exports"), "audit.jsonl");
        Assert.Equal(0, (await cli.RunAsync("audit", "export", "--from", From, "--to", To, "--format", "json", output)).ExitCode);
        var publicKey = Path.Combine(cli.Paths.DataDirectory, "audit-signing-key.pub.pem");
        using var auditor = new CliHarness(); // another machine: no data directory, no log

        var withoutKey = await auditor.RunAsync("audit", "verify-export", output);
        var verify = await auditor.RunAsync("audit", "verify-export", output, "--public-key", publicKey);

        Assert.Equal(1, withoutKey.ExitCode);
        Assert.Contains("--public-key", withoutKey.Error, StringComparison.Ordinal);
        Assert.Equal(0, verify.ExitCode);
        Assert.StartsWith("OK", verify.Output, StringComparison.Ordinal);
        Assert.Contains("Not recorded", verify.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(auditor.Paths.DataDirectory));
    }

    [Fact]
    public async Task VerifyExport_WrongPublicKey_Exit5()
    {
        using var cli = new CliHarness();
        await IngestAndAskAsync(cli);
        var output = Path.Combine(cli.Folder("exports"), "audit.csv");
        Assert.Equal(0, (await cli.RunAsync("audit", "export", "--from", From, "--to", To, "--format", "csv", output)).ExitCode);
        var other = Path.Combine(cli.Folder("keys"), "other.pem");
        Assert.Equal(0, (await cli.RunAsync("audit", "keygen", other)).ExitCode);

        var verify = await cli.RunAsync("audit", "verify-export", output, "--public-key", Path.ChangeExtension(other, ".pub.pem"));

        Assert.Equal(5, verify.ExitCode);
        Assert.Contains("signed with key", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_OutputExists_Exit1LeavesItAndExportsNothing()
    {
        using var cli = new CliHarness();
        await IngestAndAskAsync(cli);
        var output = Path.Combine(cli.Folder("exports"), "audit.csv");
        await File.WriteAllTextAsync(output, "keep me");

        var export = await cli.RunAsync("audit", "export", "--from", From, "--to", To, "--format", "csv", output);

        Assert.Equal(1, export.ExitCode);
        Assert.Contains("already exists", export.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(output));
        Assert.False(File.Exists(output + ".manifest.json"));
        Assert.Empty(await QueryAsync(cli, "--action", AuditActions.AuditExported));
    }

    [Fact]
    public async Task Export_AuditStoreUnwritable_Exit3AndNoFile()
    {
        using var cli = new CliHarness();
        await IngestAndAskAsync(cli);
        var output = Path.Combine(cli.Folder("exports"), "audit.csv");
        var wal = Path.Combine(cli.Paths.DataDirectory, "audit.db-wal");
        Directory.CreateDirectory(wal); // SQLite cannot create its write-ahead log: nothing can be recorded

        var export = await cli.RunAsync("audit", "export", "--from", From, "--to", To, "--format", "csv", output);
        Directory.Delete(wal);

        Assert.Equal(3, export.ExitCode);
        Assert.Contains("refused", export.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".manifest.json"));
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--from", "yesterday")]
    public async Task Export_BadArguments_AreClearErrors(string option, string value)
    {
        using var cli = new CliHarness();
        var args = new Dictionary<string, string> { ["--from"] = From, ["--to"] = To, ["--format"] = "csv", [option] = value };

        var export = await cli.RunAsync(["audit", "export", .. args.SelectMany(a => new[] { a.Key, a.Value }), Path.Combine(cli.Folder("exports"), "x.csv")]);

        Assert.NotEqual(0, export.ExitCode);
        Assert.Contains(value, export.Error, StringComparison.Ordinal);
    }

    private static async Task IngestAndAskAsync(CliHarness cli)
    {
        var docs = cli.Folder("it");
        await File.WriteAllTextAsync(Path.Combine(docs, "vpn.md"), "# VPN\n\nVPN: connect with WireGuard to gateway vpn.example.internal.\n\nThe VPN client is installed on every laptop.\n");
        Assert.Equal(0, (await cli.RunAsync("ingest", docs, "--set", "it", "--groups", "staff")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("ask", Question, "--groups", "staff", "--user", "ana")).ExitCode);
    }

    private static async Task<List<JsonElement>> QueryAsync(CliHarness cli, params string[] filters)
    {
        var run = await cli.RunAsync(["audit", "query", "--json", "--page-size", "1000", .. filters]);
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        return json.RootElement.GetProperty("records").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
