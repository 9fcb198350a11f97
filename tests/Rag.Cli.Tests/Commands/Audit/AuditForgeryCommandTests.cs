using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rag.Cli.Tests.Fixtures;
using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Audit;

namespace Rag.Cli.Tests.Commands.Audit;

/// <summary>The issue's forgeries, built as an attacker with a shell on the server would, and caught by <c>rag audit verify</c> (exit 5).</summary>
public sealed class AuditForgeryCommandTests
{
    [Fact]
    public async Task Verify_RecordAppendedInSqlWithACorrectHash_Exit5NamesItAndTheNextActionIsRefused()
    {
        using var cli = new CliHarness();
        await IngestAsync(cli);
        var forged = await ForgeRecordAsync(cli);

        var ask = await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff");
        var checkpoint = await cli.RunAsync("audit", "checkpoint");
        var verify = await cli.RunAsync("audit", "verify", "--json");

        Assert.Equal(3, ask.ExitCode); // refused: the log is not extended past a record it cannot vouch for
        Assert.Contains($"Record {forged} is not vouched for", ask.Error, StringComparison.Ordinal);
        Assert.Equal(3, checkpoint.ExitCode); // and never signed
        Assert.Equal(5, verify.ExitCode);
        using var report = JsonDocument.Parse(verify.Output);
        var damage = Assert.Single(report.RootElement.GetProperty("damage").EnumerateArray());
        Assert.Equal("Unvouched", damage.GetProperty("kind").GetString());
        Assert.Equal(forged, damage.GetProperty("firstBadSequence").GetInt64());
        Assert.Equal(forged, report.RootElement.GetProperty("lastSequence").GetInt64()); // nothing was appended after it
        Assert.Equal(forged, report.RootElement.GetProperty("refusals")[0].GetProperty("firstSequence").GetInt64());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Verify_ChainRewrittenAndCheckpointFileDeletedOrEmptied_Exit5(bool delete)
    {
        using var cli = new CliHarness();
        await IngestAsync(cli);
        await RewriteAsync(cli, 2);
        var checkpoints = Path.Combine(cli.Paths.DataDirectory, "audit-checkpoints.jsonl");
        if (delete)
        {
            File.Delete(checkpoints);
        }
        else
        {
            await File.WriteAllTextAsync(checkpoints, string.Empty);
        }

        var verify = await cli.RunAsync("audit", "verify");

        Assert.Equal(5, verify.ExitCode);
        Assert.Contains("CheckpointsMissing", verify.Output, StringComparison.Ordinal);
        Assert.Contains("Unvouched: first bad record 2", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_PublicKeyOnlyAfterCheckpointsWereRemovedFromFileAndDatabase_Exit5NamesTheOverdueRecords()
    {
        var configuration = new Dictionary<string, string?> { ["Rag:Audit:CheckpointInterval"] = "00:00:01" };
        using var cli = new CliHarness(configuration: configuration);
        await IngestAsync(cli);
        await RewriteAsync(cli, 2, keepMacs: true, dropRecordedCheckpoints: true);
        File.Delete(Path.Combine(cli.Paths.DataDirectory, "audit-checkpoints.jsonl"));
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // older than twice the checkpoint interval
        var auditor = Path.Combine(cli.Folder("auditor"), "audit.pub.pem"); // an auditor holds only the public key
        File.Copy(Path.Combine(cli.Paths.DataDirectory, "audit-signing-key.pub.pem"), auditor);
        File.Move(Path.Combine(cli.Paths.DataDirectory, "audit-signing-key.pem"), Path.Combine(cli.Folder("vault"), "audit.pem"));

        var verify = await cli.RunAsync("audit", "verify", "--public-key", auditor, "--json");

        Assert.Equal(5, verify.ExitCode);
        using var report = JsonDocument.Parse(verify.Output);
        var damage = Assert.Single(report.RootElement.GetProperty("damage").EnumerateArray());
        Assert.Equal("SignatureOverdue", damage.GetProperty("kind").GetString());
        Assert.Equal(1, damage.GetProperty("firstBadSequence").GetInt64());
        Assert.Contains("could not be checked without the private key", damage.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(report.RootElement.GetProperty("recordMacsChecked").GetBoolean());
    }

    [Fact]
    public async Task Verify_KeyReplacedAfterARewriteWhileTheFingerprintIsPinned_CheckpointRefusedAndVerifyExit5()
    {
        using var cli = new CliHarness();
        await IngestAsync(cli);
        var data = cli.Paths.DataDirectory;
        using var installed = AuditKey.FromPem(await File.ReadAllTextAsync(Path.Combine(data, "audit-signing-key.pub.pem")));
        var pinned = new Dictionary<string, string?> { ["Rag:Audit:TrustedKeyFingerprint"] = installed.Fingerprint };
        Assert.Equal(0, (await cli.RunWithConfigurationAsync(pinned, "audit", "verify")).ExitCode);

        // The attacker rewrites the chain, replaces the key with their own, recomputes every MAC with it and starts the
        // checkpoint file afresh with `audit checkpoint`.
        await RewriteAsync(cli, 2, dropRecordedCheckpoints: true);
        File.Delete(Path.Combine(data, "audit-signing-key.pem"));
        File.Delete(Path.Combine(data, "audit-checkpoints.jsonl"));
        using var attacker = AuditKey.Generate();
        Rag.Audit.AuditKeyProvider.WriteKeyPair(attacker, Path.Combine(data, "audit-signing-key.pem"));
        using (var mac = AuditRecordMac.FromKey(attacker))
        {
            await RemacAsync(cli, mac);
        }

        var checkpoint = await cli.RunWithConfigurationAsync(pinned, "audit", "checkpoint");
        var verify = await cli.RunWithConfigurationAsync(pinned, "audit", "verify", "--json");
        var unpinnedCheckpoint = await cli.RunAsync("audit", "checkpoint");
        var unpinnedVerify = await cli.RunAsync("audit", "verify");

        Assert.Equal(0, unpinnedCheckpoint.ExitCode); // without the pin the forgery is complete and verifies ...
        Assert.Equal(0, unpinnedVerify.ExitCode);
        Assert.Contains($"trusted key {attacker.Fingerprint}", unpinnedVerify.Output, StringComparison.Ordinal);
        Assert.Contains("NOT PINNED", unpinnedVerify.Output, StringComparison.Ordinal); // ... but says what it trusted, and that nothing pinned it
        Assert.Equal(1, checkpoint.ExitCode); // with the pin, the replaced key signs nothing
        Assert.Contains("Rag:Audit:TrustedKeyFingerprint", checkpoint.Error, StringComparison.Ordinal);
        Assert.Equal(5, verify.ExitCode);
        using var report = JsonDocument.Parse(verify.Output);
        Assert.Contains(report.RootElement.GetProperty("damage").EnumerateArray(), d => d.GetProperty("kind").GetString() == "UntrustedKey");
        Assert.Equal("Mismatch", report.RootElement.GetProperty("trust").GetProperty("pinning").GetString());
    }

    [Fact]
    public async Task Verify_KeyInTheDataDirectoryWithoutAPin_SaysItIsNotPinnedAndNamesItsFingerprint()
    {
        using var cli = new CliHarness();
        await IngestAsync(cli);
        using var key = AuditKey.FromPem(await File.ReadAllTextAsync(Path.Combine(cli.Paths.DataDirectory, "audit-signing-key.pub.pem")));

        var unpinned = await cli.RunAsync("audit", "verify");
        var pinned = await cli.RunWithConfigurationAsync(new Dictionary<string, string?> { ["Rag:Audit:TrustedKeyFingerprint"] = key.Fingerprint }, "audit", "verify");
        var badPin = await cli.RunWithConfigurationAsync(new Dictionary<string, string?> { ["Rag:Audit:TrustedKeyFingerprint"] = key.KeyId }, "audit", "verify");

        Assert.Equal(0, unpinned.ExitCode);
        Assert.Contains($"trusted key {key.Fingerprint}", unpinned.Output, StringComparison.Ordinal);
        Assert.Contains("NOT PINNED", unpinned.Output, StringComparison.Ordinal);
        Assert.Equal(0, pinned.ExitCode);
        Assert.Contains("pinned by Rag:Audit:TrustedKeyFingerprint", pinned.Output, StringComparison.Ordinal);
        Assert.Equal(1, badPin.ExitCode);
        Assert.Contains("Rag:Audit:TrustedKeyFingerprint", badPin.Error, StringComparison.Ordinal);
    }

    private static async Task IngestAsync(CliHarness cli)
    {
        var docs = cli.Folder("it");
        await File.WriteAllTextAsync(Path.Combine(docs, "vpn.md"), "# VPN\n\nConnect with WireGuard to gateway vpn.example.internal.\n");
        Assert.Equal(0, (await cli.RunAsync("ingest", docs, "--set", "it", "--groups", "staff")).ExitCode);
    }

    private static SqliteConnection Open(CliHarness cli)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(cli.Paths.DataDirectory, "audit.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>Appends one record after the last with plain SQL and a hash computed as docs/audit.md describes; returns its sequence.</summary>
    private static async Task<long> ForgeRecordAsync(CliHarness cli)
    {
        await using var connection = Open(cli);
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT seq, hash, time_utc FROM audit_events ORDER BY seq DESC LIMIT 1;";
        long sequence;
        string previous;
        DateTimeOffset time;
        await using (var reader = await read.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (sequence, previous, time) = (reader.GetInt64(0) + 1, reader.GetString(1), AuditChain.ParseTime(reader.GetString(2)).AddSeconds(1));
        }

        var forged = new AuditEvent(AuditActions.PermissionChanged, new AuditActor("mallory", "Mallory", [], ["admin"]), ["it"], AuditOutcomes.Ok) { Detail = "{\"groups\":[\"everyone\"]}", ClientAddress = "local" };
        await using var insert = connection.CreateCommand();
        insert.CommandText =
            "INSERT INTO audit_events (seq, time_utc, action, actor_id, actor_name, actor_groups, actor_roles, targets, outcome, correlation_id, client_address, model_id, model_version, detail, prev_hash, hash) " +
            "VALUES ($seq, $time, $action, 'mallory', 'Mallory', '[]', '[\"admin\"]', '[\"it\"]', 'ok', NULL, 'local', NULL, NULL, $detail, $prev, $hash);";
        insert.Parameters.AddWithValue("$seq", sequence);
        insert.Parameters.AddWithValue("$time", AuditChain.FormatTime(time));
        insert.Parameters.AddWithValue("$action", forged.Action);
        insert.Parameters.AddWithValue("$detail", forged.Detail);
        insert.Parameters.AddWithValue("$prev", previous);
        insert.Parameters.AddWithValue("$hash", AuditChain.ComputeHash(previous, sequence, time, forged));
        await insert.ExecuteNonQueryAsync();
        return sequence;
    }

    /// <summary>Recomputes every record's MAC with <paramref name="mac"/> (what an attacker holding a key of their own can do).</summary>
    private static async Task RemacAsync(CliHarness cli, AuditRecordMac mac)
    {
        await using var connection = Open(cli);
        var rows = new List<(long Seq, string Hash)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT seq, hash FROM audit_events ORDER BY seq;";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        foreach (var (seq, hash) in rows)
        {
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE audit_events SET mac = $mac WHERE seq = $seq;";
            update.Parameters.AddWithValue("$mac", mac.Compute(seq, hash));
            update.Parameters.AddWithValue("$seq", seq);
            await update.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Changes record <paramref name="from"/>'s detail and recomputes every hash after it (no key needed).</summary>
    private static async Task RewriteAsync(CliHarness cli, long from, bool keepMacs = false, bool dropRecordedCheckpoints = false)
    {
        await using var connection = Open(cli);
        await using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER audit_events_no_update;" + (dropRecordedCheckpoints ? "DROP TRIGGER audit_checkpoints_no_delete; DELETE FROM audit_checkpoints;" : string.Empty);
        await command.ExecuteNonQueryAsync();
        var rows = new List<(long Seq, DateTimeOffset Time, AuditEvent Event)>();
        command.CommandText = $"SELECT seq, time_utc, action, actor_id, actor_name, actor_groups, actor_roles, targets, outcome, correlation_id, client_address, model_id, model_version, detail FROM audit_events WHERE seq >= {from} ORDER BY seq;";
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                string[] List(int i) => JsonSerializer.Deserialize<string[]>(reader.GetString(i))!;
                var auditEvent = new AuditEvent(reader.GetString(2), new AuditActor(reader.GetString(3), reader.GetString(4), List(5), List(6)), List(7), reader.GetString(8))
                {
                    CorrelationId = Text(9), ClientAddress = Text(10), ModelId = Text(11), ModelVersion = Text(12), Detail = Text(13),
                };
                rows.Add((reader.GetInt64(0), AuditChain.ParseTime(reader.GetString(1)), reader.GetInt64(0) == from ? auditEvent with { Detail = "{\"harmless\":true}" } : auditEvent));
            }
        }

        command.CommandText = $"SELECT hash FROM audit_events WHERE seq = {from - 1};";
        var link = (string)(await command.ExecuteScalarAsync())!;
        foreach (var (seq, time, auditEvent) in rows)
        {
            var hash = AuditChain.ComputeHash(link, seq, time, auditEvent);
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE audit_events SET detail = $detail, prev_hash = $prev, hash = $hash" + (keepMacs ? string.Empty : ", mac = NULL") + " WHERE seq = $seq;";
            update.Parameters.AddWithValue("$detail", (object?)auditEvent.Detail ?? DBNull.Value);
            update.Parameters.AddWithValue("$prev", link);
            update.Parameters.AddWithValue("$hash", hash);
            update.Parameters.AddWithValue("$seq", seq);
            await update.ExecuteNonQueryAsync();
            link = hash;
        }
    }
}
