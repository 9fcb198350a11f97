using Microsoft.Data.Sqlite;

namespace Rag.Processes.Tests.Integrity;

/// <summary>
/// Reads a rag.db directly (read-only, bypassing the store) and lists every orphan and duplicate across the catalog
/// (documents, chunks), the vector index (chunk_vectors) and the keyword index (keyword_chunks, chunks_fts).
/// </summary>
internal static class IndexIntegrity
{
    public static IndexIntegrityReport Check(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var snapshot = connection.BeginTransaction(deferred: true);
        return new IndexIntegrityReport(
            ChunksWithoutDocument: Column(connection, snapshot,
                "SELECT c.chunk_id FROM chunks c LEFT JOIN documents d ON d.document_id = c.document_id WHERE d.document_id IS NULL;"),
            DocumentsWithoutChunks: Column(connection, snapshot,
                "SELECT d.source_path FROM documents d WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.document_id = d.document_id);"),
            VectorsWithoutChunk: Column(connection, snapshot,
                "SELECT v.chunk_id FROM chunk_vectors v LEFT JOIN chunks c ON c.chunk_id = v.chunk_id WHERE c.chunk_id IS NULL;"),
            ChunksWithoutVector: Column(connection, snapshot,
                "SELECT c.chunk_id FROM chunks c LEFT JOIN chunk_vectors v ON v.chunk_id = c.chunk_id WHERE v.chunk_id IS NULL;"),
            KeywordEntriesWithoutChunk: Column(connection, snapshot,
                "SELECT k.chunk_id FROM keyword_chunks k LEFT JOIN chunks c ON c.chunk_id = k.chunk_id WHERE c.chunk_id IS NULL;"),
            ChunksWithoutKeywordEntry: Column(connection, snapshot,
                "SELECT c.chunk_id FROM chunks c LEFT JOIN keyword_chunks k ON k.chunk_id = c.chunk_id WHERE k.chunk_id IS NULL " +
                "OR NOT EXISTS (SELECT 1 FROM chunks_fts f WHERE f.rowid = k.rowid);"),
            FtsRowsWithoutKeywordEntry: Column(connection, snapshot,
                "SELECT CAST(f.rowid AS TEXT) FROM chunks_fts f LEFT JOIN keyword_chunks k ON k.rowid = f.rowid WHERE k.rowid IS NULL;"),
            DuplicateChunks: Column(connection, snapshot,
                "SELECT document_id || ' #' || idx FROM chunks GROUP BY document_id, idx HAVING count(*) > 1 " +
                "UNION ALL SELECT document_id || ' text ' || substr(text, 1, 30) FROM chunks GROUP BY document_id, text HAVING count(*) > 1 " +
                "UNION ALL SELECT chunk_id FROM chunk_vectors GROUP BY chunk_id HAVING count(*) > 1 " +
                "UNION ALL SELECT chunk_id FROM keyword_chunks GROUP BY chunk_id HAVING count(*) > 1;"),
            DuplicateDocuments: Column(connection, snapshot,
                "SELECT set_name || ':' || source_path FROM documents GROUP BY set_name, source_path HAVING count(*) > 1;"),
            ChunksPerDocument: ChunkCounts(connection, snapshot));
    }

    /// <summary>Documents whose latest queue job is neither indexed nor failed or skipped with a reason.</summary>
    public static IReadOnlyList<string> UnfinishedJobs(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var snapshot = connection.BeginTransaction(deferred: true);
        return Column(connection, snapshot,
            "SELECT j.relative_path || ' ' || j.state FROM ingest_jobs j " +
            "WHERE j.job_id = (SELECT max(job_id) FROM ingest_jobs WHERE document_id = j.document_id) " +
            "AND NOT (j.state = 'indexed' OR (j.state IN ('failed', 'skipped') AND ifnull(j.reason, '') <> ''));");
    }

    private static List<string> Column(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static Dictionary<string, int> ChunkCounts(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT d.source_path, (SELECT count(*) FROM chunks c WHERE c.document_id = d.document_id) FROM documents d;";
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counts[Path.GetFileName(reader.GetString(0))] = reader.GetInt32(1);
        }

        return counts;
    }
}
