using Microsoft.Data.Sqlite;
using Rag.Core.Ingestion;

namespace Rag.Storage.Queue;

/// <summary>Reads <c>ingest_jobs</c> rows selected with <see cref="Columns"/>.</summary>
internal static class IngestJobRows
{
    public const string Columns = """
        job_id, batch_id, set_name, document_id, full_path, relative_path, content_hash, actor, state, attempts, reason,
        pages_done, pages_total, chunks_done, chunks_total, worker_id, created_ms, updated_ms
        """;

    public static async Task<IReadOnlyList<IngestJob>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var jobs = new List<IngestJob>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(Read(reader));
        }

        return jobs;
    }

    public static IngestJob Read(SqliteDataReader reader)
    {
        var request = new IngestJobRequest(
            reader.GetString(2), reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7), reader.GetString(1));
        return new IngestJob(
            reader.GetInt64(0),
            request,
            IngestJobStates.Parse(reader.GetString(8)),
            reader.GetInt32(9),
            reader.IsDBNull(10) ? null : reader.GetString(10),
            new IngestJobProgress(reader.GetInt32(11), reader.GetInt32(12), reader.GetInt32(13), reader.GetInt32(14)),
            reader.IsDBNull(15) ? null : reader.GetString(15),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(16)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(17)),
            reader.GetString(3));
    }
}
