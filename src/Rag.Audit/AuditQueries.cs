using System.Text;
using Microsoft.Data.Sqlite;
using Rag.Core.Audit;
using Rag.Storage.Sqlite;

namespace Rag.Audit;

/// <summary>The compliance query: filters over indexed columns, newest first, keyset-paged by sequence number.</summary>
internal static class AuditQueries
{
    public static async Task<AuditPage> QueryAsync(SqliteConnection connection, AuditQuery query, CancellationToken cancellationToken)
    {
        if (query.PageSize is < 1 or > AuditQuery.MaxPageSize)
        {
            throw new ArgumentException($"The page size must be between 1 and {AuditQuery.MaxPageSize}.", nameof(query));
        }

        // A deferred join: the filters pick sequence numbers (from an index alone where one covers them) and only
        // the page's rows are read. Selecting whole rows instead makes SQLite read and sort every row of a wide
        // time window (30 days of a 1M-record log: 380 ms, against 14 ms this way; bench/README.md).
        var sql = new StringBuilder("SELECT ").Append(AuditRows.Columns)
            .Append(" FROM audit_events WHERE seq IN (SELECT seq FROM audit_events WHERE 1 = 1");
        await using var command = connection.Command(string.Empty);
        void Filter(string condition, string name, object value)
        {
            sql.Append(" AND ").Append(condition);
            command.Parameters.AddWithValue(name, value);
        }

        if (query.From is { } from)
        {
            Filter("time_utc >= $from", "$from", AuditChain.FormatTime(from));
        }

        if (query.To is { } to)
        {
            Filter("time_utc < $to", "$to", AuditChain.FormatTime(to));
        }

        if (query.UserId is { Length: > 0 } user)
        {
            Filter("actor_id = $user", "$user", user);
        }

        if (query.Action is { Length: > 0 } action)
        {
            Filter("action = $action", "$action", action);
        }

        if (query.Outcome is { Length: > 0 } outcome)
        {
            Filter("outcome = $outcome", "$outcome", outcome);
        }

        if (query.Target is { Length: > 0 } target)
        {
            Filter("seq IN (SELECT seq FROM audit_targets WHERE target = $target)", "$target", target);
        }

        if (query.Before is { } before)
        {
            Filter("seq < $before", "$before", before);
        }

        sql.Append(" ORDER BY seq DESC LIMIT $limit) ORDER BY seq DESC;");
        command.Parameters.AddWithValue("$limit", query.PageSize + 1);
        command.CommandText = sql.ToString();
        var records = new List<AuditRecord>(query.PageSize);
        var more = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (records.Count == query.PageSize)
            {
                more = true;
                break;
            }

            records.Add(AuditRows.Read(reader));
        }

        return new AuditPage(records, more ? records[^1].Sequence : null);
    }
}
