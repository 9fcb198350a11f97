using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Audit;
using Rag.Storage;

namespace Rag.Audit.Tests;

/// <summary>Builds real <see cref="SqliteAuditLog"/>s over a test's own data directory.</summary>
internal static class AuditTestLogs
{
    public static SqliteAuditLog Create(string dataDirectory, AuditOptions? options = null, TimeProvider? time = null)
    {
        var storage = Options.Create(new StorageOptions { DataDirectory = dataDirectory });
        var audit = Options.Create(options ?? new AuditOptions());
        var keys = new AuditKeyProvider(audit, storage, NullLogger<AuditKeyProvider>.Instance);
        return new SqliteAuditLog(storage, audit, keys, NullLogger<SqliteAuditLog>.Instance, time ?? TimeProvider.System);
    }

    public static AuditEvent Event(string detail, string action = AuditActions.QuestionAsked, string user = "alice", params string[] targets) =>
        new(action, new AuditActor(user, user + " (display)", ["staff"], ["reader"]), targets.Length == 0 ? ["chunk-1"] : targets, AuditOutcomes.Answered)
        {
            Detail = detail,
            CorrelationId = "c-" + detail,
            ClientAddress = "10.0.0.7",
        };

    public static async Task<List<AuditRecord>> ReadAllAsync(IAuditLog log)
    {
        var records = new List<AuditRecord>();
        await foreach (var record in log.ReadAsync())
        {
            records.Add(record);
        }

        return records;
    }
}
