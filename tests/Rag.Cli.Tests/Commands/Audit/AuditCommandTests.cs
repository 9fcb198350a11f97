using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rag.Cli.Tests.Fixtures;
using Rag.Core.Audit;

namespace Rag.Cli.Tests.Commands.Audit;

public sealed class AuditCommandTests
{
    private const string Secret = "VPN: connect with WireGuard to gateway vpn.example.internal before opening the intranet.";

    [Fact]
    public async Task Ask_AuditStoreUnwritable_RefusesAndReturnsNoAnswer()
    {
        using var cli = new CliHarness();
        await IngestAsync(cli);
        var asked = await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff", "--json");
        Assert.Contains("WireGuard", asked.Output, StringComparison.Ordinal); // the same question is answered while the store works

        // A directory where SQLite must create its write-ahead log: the audit store cannot be written (even as root).
        var wal = Path.Combine(cli.Paths.DataDirectory, "audit.db-wal");
        Assert.False(File.Exists(wal));
        Directory.CreateDirectory(wal);
        var refused = await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff", "--json");
        Directory.Delete(wal);

        Assert.Equal(3, refused.ExitCode);
        Assert.Empty(refused.Output);
        Assert.DoesNotContain("WireGuard", refused.Error, StringComparison.Ordinal);
        Assert.Contains("refused", refused.Error, StringComparison.Ordinal);
        var questions = await QueryAsync(cli, "--action", AuditActions.QuestionAsked);
        Assert.Single(questions); // only the first, answered question is on record
    }

    [Fact]
    public async Task Ask_RecordsQuestionRetrievalAndAnswer_AndVerifyReportsOkAndIsRecorded()
    {
        using var cli = new CliHarness();
        await IngestAsync(cli);
        Assert.Equal(0, (await cli.RunAsAsync("ana", "ask", "How do I connect to the VPN?", "--groups", "staff")).ExitCode);

        var verify = await cli.RunAsync("audit", "verify");

        Assert.Equal(0, verify.ExitCode);
        Assert.StartsWith("OK", verify.Output, StringComparison.Ordinal);
        var records = await QueryAsync(cli, "--subject", "os:ana");
        Assert.Equal([AuditActions.AnswerGiven, AuditActions.ChunksRetrieved, AuditActions.QuestionAsked], records.Select(r => r.GetProperty("action").GetString()).Where(a => a != AuditActions.ConfigurationChanged));
        var retrieval = records.Single(r => r.GetProperty("action").GetString() == AuditActions.ChunksRetrieved);
        var chunk = JsonDocument.Parse(retrieval.GetProperty("detail").GetString()!).RootElement.GetProperty("chunks")[0];
        Assert.Equal(64, chunk.GetProperty("version").GetString()!.Length);
        Assert.True(chunk.GetProperty("score").GetDouble() > 0);
        Assert.Equal("local", retrieval.GetProperty("clientAddress").GetString());
        Assert.Equal("use-lite", retrieval.GetProperty("modelId").GetString());
        var modelFile = Path.Combine(cli.Paths.ModelsDirectory, "use-lite", "model.onnx");
        Assert.Equal(Rag.Core.Ids.FileHashes.Sha256(modelFile)[..16], retrieval.GetProperty("modelVersion").GetString());
        Assert.Single(await QueryAsync(cli, "--action", AuditActions.AuditVerified));
    }

    [Fact]
    public async Task Verify_RecordModifiedOnDisk_Exit5AndNamesTheRecord()
    {
        using var cli = new CliHarness();
        await IngestAsync(cli);
        await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff");
        var question = (await QueryAsync(cli, "--action", AuditActions.QuestionAsked)).Single().GetProperty("sequence").GetInt64();

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(cli.Paths.DataDirectory, "audit.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP TRIGGER audit_events_no_update; UPDATE audit_events SET detail = '{{\"question\":\"something harmless\"}}' WHERE seq = {question};";
            await command.ExecuteNonQueryAsync();
        }

        var verify = await cli.RunAsync("audit", "verify", "--json");

        Assert.Equal(5, verify.ExitCode);
        using var report = JsonDocument.Parse(verify.Output);
        Assert.False(report.RootElement.GetProperty("intact").GetBoolean());
        var damage = report.RootElement.GetProperty("damage")[0];
        Assert.Equal("Modified", damage.GetProperty("kind").GetString());
        Assert.Equal(question, damage.GetProperty("firstBadSequence").GetInt64());
        Assert.Equal(AuditOutcomes.Damaged, (await QueryAsync(cli, "--action", AuditActions.AuditVerified)).Single().GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Verify_CheckpointFileCopyTruncatedLog_ReportsTruncation()
    {
        using var cli = new CliHarness();
        await IngestAsync(cli);
        await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff");
        var wormCopy = Path.Combine(cli.Folder("worm"), "checkpoints.jsonl");
        File.Copy(Path.Combine(cli.Paths.DataDirectory, "audit-checkpoints.jsonl"), wormCopy);
        var last = (await QueryAsync(cli)).First().GetProperty("sequence").GetInt64();

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(cli.Paths.DataDirectory, "audit.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE seq >= {last - 3};";
            await command.ExecuteNonQueryAsync();
        }

        var verify = await cli.RunAsync("audit", "verify", "--checkpoints", wormCopy, "--public-key", Path.Combine(cli.Paths.DataDirectory, "audit-signing-key.pub.pem"));

        Assert.Equal(5, verify.ExitCode);
        Assert.Contains("Truncated", verify.Output, StringComparison.Ordinal);
        Assert.Contains($"first bad record {last - 3}", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_Read_IsItselfRecordedBeforeResults()
    {
        using var cli = new CliHarness();
        await IngestAsync(cli);

        var first = await QueryAsync(cli, "--action", AuditActions.DocumentIndexed);
        var reads = await QueryAsync(cli, "--action", AuditActions.AuditRead);

        Assert.Single(first);
        Assert.Equal(2, reads.Count); // both searches, the second one included: it was recorded before it ran
        Assert.Contains("documentindexed", reads[1].GetProperty("detail").GetString()!.Replace(".", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Query_BadPageSize_IsAClearError()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("audit", "query", "--page-size", "5000");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--page-size", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_TimeWindow_FiltersAndABadDateIsAClearError()
    {
        using var cli = new CliHarness();
        await IngestAsync(cli);

        var future = await QueryAsync(cli, "--from", "2999-01-01");
        var past = await QueryAsync(cli, "--to", "2000-01-01T00:00");
        var today = await QueryAsync(cli, "--from", DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        var bad = await cli.RunAsync("audit", "query", "--from", "last tuesday");

        Assert.Empty(future);
        Assert.Empty(past);
        Assert.Contains(today, r => r.GetProperty("action").GetString() == AuditActions.DocumentIndexed);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--from", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_LegalHold_KeepsEverything()
    {
        using var cli = new CliHarness(configuration: new Dictionary<string, string?> { ["Rag:Audit:LegalHold"] = "true", ["Rag:Audit:RetentionPeriod"] = "1.00:00:00" });
        await IngestAsync(cli);

        var purge = await cli.RunAsync("audit", "purge");

        Assert.Equal(0, purge.ExitCode);
        Assert.Contains("Legal hold", purge.Output, StringComparison.Ordinal);
        Assert.Equal(AuditOutcomes.Denied, (await QueryAsync(cli, "--action", AuditActions.AuditPurged)).Single().GetProperty("outcome").GetString());
        Assert.Equal(0, (await cli.RunAsync("audit", "verify")).ExitCode);
    }

    [Fact]
    public async Task Keygen_ConfiguredKey_SignsCheckpointsThatItsPublicKeyVerifies()
    {
        using var keys = new CliHarness();
        var keyFile = Path.Combine(keys.Folder("keys"), "audit.pem");
        var keygen = await keys.RunAsync("audit", "keygen", keyFile);
        Assert.Equal(0, keygen.ExitCode);
        Assert.Equal(1, (await keys.RunAsync("audit", "keygen", keyFile)).ExitCode); // never overwritten

        using var cli = new CliHarness(configuration: new Dictionary<string, string?> { ["Rag:Audit:SigningKeyFile"] = keyFile });
        await IngestAsync(cli);
        var other = Path.Combine(keys.Folder("other"), "other.pem");
        await keys.RunAsync("audit", "keygen", other);

        var good = await cli.RunAsync("audit", "verify", "--public-key", Path.ChangeExtension(keyFile, ".pub.pem"));
        var wrong = await cli.RunAsync("audit", "verify", "--public-key", Path.ChangeExtension(other, ".pub.pem"));

        Assert.Equal(0, good.ExitCode);
        Assert.False(File.Exists(Path.Combine(cli.Paths.DataDirectory, "audit-signing-key.pem")));
        Assert.Equal(5, wrong.ExitCode);
        Assert.Contains("BadCheckpointSignature", wrong.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigurationChange_IsRecordedOnceWithTheChangedKeys()
    {
        using var cli = new CliHarness();
        await IngestAsync(cli);
        var tuned = new Dictionary<string, string?> { ["Rag:Retrieval:TopK"] = "3" };

        var first = await cli.RunWithConfigurationAsync(tuned, "ask", "How do I connect to the VPN?", "--groups", "staff");
        var second = await cli.RunWithConfigurationAsync(tuned, "ask", "How do I connect to the VPN?", "--groups", "staff");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        var changes = await QueryAsync(cli, "--action", AuditActions.ConfigurationChanged);
        Assert.Equal(3, changes.Count); // the first run ever, TopK=3, and back to the default for this query
        Assert.Equal(["Rag:Retrieval:TopK"], changes[1].GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["Rag:Retrieval:TopK"], changes[0].GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task ConfigurationChange_SecretAndModel_SecretOnlyAsHashAndModelChangeRecorded()
    {
        const string secret = "sk-do-not-log-this-0123456789";
        using var cli = new CliHarness();
        await IngestAsync(cli);

        var run = await cli.RunWithConfigurationAsync(
            new Dictionary<string, string?> { ["Rag:Generation:ApiKey"] = secret, ["Rag:Generation:Model"] = "qwen2.5-7b-instruct" },
            "audit", "query", "--action", AuditActions.ModelChanged, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var model = Assert.Single(json.RootElement.GetProperty("records").EnumerateArray());
        Assert.Contains("qwen2.5-7b-instruct", model.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(cli.Paths.DataDirectory, "audit.db"));
        Assert.DoesNotContain(secret, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        var config = (await QueryAsync(cli, "--action", AuditActions.ConfigurationChanged))[1];
        using var detail = JsonDocument.Parse(config.GetProperty("detail").GetString()!);
        Assert.StartsWith("sha256:", detail.RootElement.GetProperty("settings").GetProperty("Rag:Generation:ApiKey").GetString(), StringComparison.Ordinal);
    }

    private static async Task IngestAsync(CliHarness cli)
    {
        var docs = cli.Folder("it");
        await File.WriteAllTextAsync(Path.Combine(docs, "vpn.md"), "# VPN\n\n" + Secret + "\n\nThe VPN client is installed on every laptop.\n");
        var ingest = await cli.RunAsync("ingest", docs, "--set", "it", "--groups", "staff");
        Assert.Equal(0, ingest.ExitCode);
    }

    private static async Task<List<JsonElement>> QueryAsync(CliHarness cli, params string[] filters)
    {
        var run = await cli.RunAsync(["audit", "query", "--json", "--page-size", "1000", .. filters]);
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        return json.RootElement.GetProperty("records").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
