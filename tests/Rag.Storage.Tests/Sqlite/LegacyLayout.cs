using Microsoft.Data.Sqlite;

namespace Rag.Storage.Tests.Sqlite;

/// <summary>
/// Turns a file written by this build back into the layout of schema version 3 or 4 (version 3: vectors in <c>chunks.vector</c>, the
/// keyword index keyed by <c>chunks.rowid</c>; no ingestion queue, no change log), so that the tests of older files start from what an older build wrote.
/// </summary>
internal static class LegacyLayout
{
    public const string Version3Sql = """
        DROP TABLE IF EXISTS ingest_jobs;
        DROP TABLE IF EXISTS ingest_workers;
        ALTER TABLE chunks ADD COLUMN vector BLOB NOT NULL DEFAULT x'';
        UPDATE chunks SET vector = (SELECT v.vector FROM chunk_vectors v WHERE v.chunk_id = chunks.chunk_id);
        DROP TABLE chunk_vectors;
        DROP TABLE keyword_chunks;
        DROP TABLE index_changes;
        DROP TABLE chunks_fts;
        CREATE VIRTUAL TABLE chunks_fts USING fts5(
            text, headings, title, set_tag,
            content = '', contentless_delete = 1,
            tokenize = 'unicode61 remove_diacritics 2');
        INSERT INTO chunks_fts (rowid, text, headings, title, set_tag)
            SELECT c.rowid, c.text, (SELECT ifnull(group_concat(h.value, char(10)), '') FROM json_each(c.heading_path) h), d.title, 's' || lower(hex(c.set_name))
            FROM chunks c JOIN documents d ON d.document_id = c.document_id;
        DELETE FROM meta WHERE key = 'keyword_analyzer';
        UPDATE meta SET value = '3' WHERE key = 'schema_version';
        """;

    /// <summary>Schema version 4: the ports' own tables, and the keyword index built with the simple analyzer (no stemming).</summary>
    public const string Version4Sql = """
        DROP TABLE IF EXISTS ingest_jobs;
        DROP TABLE IF EXISTS ingest_workers;
        DROP TABLE IF EXISTS index_changes;
        DROP TABLE chunks_fts;
        CREATE VIRTUAL TABLE chunks_fts USING fts5(
            text, headings, title, set_tag,
            content = '', contentless_delete = 1,
            tokenize = 'unicode61 remove_diacritics 2');
        INSERT INTO chunks_fts (rowid, text, headings, title, set_tag)
            SELECT k.rowid, c.text, (SELECT ifnull(group_concat(h.value, char(10)), '') FROM json_each(c.heading_path) h), d.title, 's' || lower(hex(c.set_name))
            FROM keyword_chunks k JOIN chunks c ON c.chunk_id = k.chunk_id JOIN documents d ON d.document_id = c.document_id;
        DELETE FROM meta WHERE key = 'keyword_analyzer';
        UPDATE meta SET value = '4' WHERE key = 'schema_version';
        """;

    /// <summary>Rewrites the file open on <paramref name="connection"/> to the version 3 layout.</summary>
    public static void ToVersion3(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Version3Sql;
        command.ExecuteNonQuery();
    }
}
