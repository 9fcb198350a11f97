using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Rag.Storage.Logging;

namespace Rag.Storage.Sqlite;

/// <summary>
/// The schema of <c>rag.db</c> and its forward migrations. <c>meta.schema_version</c> says how many of
/// <see cref="Migrations"/> have run; each runs in its own IMMEDIATE transaction together with the version bump,
/// so a crash leaves the file at a whole version and two processes opening a fresh file do not both migrate it.
/// </summary>
internal static class IndexSchema
{
    public const string SchemaVersionKey = "schema_version";
    public const string ModelIdKey = "embedding_model_id";
    public const string DimensionsKey = "embedding_dimensions";

    /// <summary>Migrations[i] takes the schema from version i to i + 1. Append only; never edit a shipped one.</summary>
    private static readonly Action<SqliteConnection, SqliteTransaction, ILogger>[] Migrations =
    [
        // Version 1.
        // - Set and group names compare case-insensitively. Set names use NOCASE (the sets' own primary key);
        //   group names are matched through group_key = upper-invariant name, because identity providers emit
        //   non-ASCII group names and NOCASE folds ASCII only (AccessScope compares OrdinalIgnoreCase).
        // - chunks.rowid is AUTOINCREMENT so a deleted chunk's rowid is never reused: the in-memory matrix and a
        //   search racing a write may still name an old rowid, which must then find nothing, not another chunk.
        // - chunks.document_id is checked at commit, so a replacement can write its chunks before the document row.
        // - chunks_fts is contentless (rowid = chunks.rowid; search results are read from chunks), with
        //   contentless_delete so a row can be removed without re-supplying its old text.
        //   Tokenizer unicode61 with diacritics removed, no porter stemmer: the keyword leg of hybrid retrieval is
        //   there for exact terms embeddings miss (codes, names, rare words); morphology is the dense leg's job,
        //   and porter is English-only and mangles the other languages an on-premises corpus holds.
        Sql("""
        CREATE TABLE document_sets (
            name        TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            created_utc TEXT NOT NULL);
        CREATE TABLE set_groups (
            set_name   TEXT NOT NULL COLLATE NOCASE REFERENCES document_sets(name),
            group_key  TEXT NOT NULL,
            group_name TEXT NOT NULL,
            PRIMARY KEY (set_name, group_key)) WITHOUT ROWID;
        CREATE INDEX ix_set_groups_group_key ON set_groups(group_key, set_name);
        CREATE TABLE documents (
            document_id  TEXT NOT NULL PRIMARY KEY,
            set_name     TEXT NOT NULL COLLATE NOCASE REFERENCES document_sets(name),
            title        TEXT NOT NULL,
            source_path  TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            media_type   TEXT NOT NULL,
            page_count   INTEGER NOT NULL,
            indexed_utc  TEXT NOT NULL);
        CREATE TABLE chunks (
            rowid        INTEGER PRIMARY KEY AUTOINCREMENT,
            chunk_id     TEXT NOT NULL UNIQUE,
            document_id  TEXT NOT NULL REFERENCES documents(document_id) DEFERRABLE INITIALLY DEFERRED,
            set_name     TEXT NOT NULL COLLATE NOCASE REFERENCES document_sets(name),
            idx          INTEGER NOT NULL,
            text         TEXT NOT NULL,
            heading_path TEXT NOT NULL,
            first_page   INTEGER NOT NULL,
            last_page    INTEGER NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset   INTEGER NOT NULL,
            vector       BLOB NOT NULL);
        CREATE INDEX ix_chunks_document_id ON chunks(document_id);
        CREATE VIRTUAL TABLE chunks_fts USING fts5(
            text, headings, title,
            content = '', contentless_delete = 1,
            tokenize = 'unicode61 remove_diacritics 2');
        """),

        // Version 2. Set names, group keys and document ids follow one rule, NameKey: NFC, then ASCII A–Z folded,
        // then ordinal. Set names are stored NFC (NOCASE, which folds ASCII only, then completes the rule); group_key
        // becomes the NameKey; document ids derive from the set's NameKey. Needs code (NFC), hence no SQL here.
        NameKeyMigration.Run,

        // Version 3.
        // - chunks_fts gets a set_tag column holding one token per chunk, its set's tag (SetTags). A keyword search
        //   ANDs the caller's readable sets' tags with its terms, so FTS5 walks only the postings that meet a readable
        //   set's tag instead of every posting of a term that is frequent in a set the caller cannot read (which took
        //   measurably longer, telling the caller such a set exists). The column's BM25 weight is 0; its one token
        //   adds 1 to every row's length and to the average (BM25's length normalisation barely moves).
        //   Contentless tables cannot be altered or re-read, so the index is rebuilt from chunks.
        Sql("""
        DROP TABLE chunks_fts;
        CREATE VIRTUAL TABLE chunks_fts USING fts5(
            text, headings, title, set_tag,
            content = '', contentless_delete = 1,
            tokenize = 'unicode61 remove_diacritics 2');
        INSERT INTO chunks_fts (rowid, text, headings, title, set_tag)
            SELECT c.rowid, c.text, (SELECT ifnull(group_concat(h.value, char(10)), '') FROM json_each(c.heading_path) h), d.title, 's' || lower(hex(c.set_name))
            FROM chunks c JOIN documents d ON d.document_id = c.document_id;
        """),

        // Version 4. The store is split into ports (catalog, vector index, keyword index), each with its own tables,
        // so that each can be swapped (docs/storage.md):
        // - chunk_vectors: the vector index's rows, keyed by chunk id with the document and canonical set name; it no
        //   longer needs a catalog row, and chunks loses its vector column.
        // - keyword_chunks: the keyword index's chunk ids; chunks_fts.rowid is now keyword_chunks.rowid. The existing
        //   rowids are copied, so chunks_fts stays valid without a rebuild. AUTOINCREMENT: a removed entry's rowid is
        //   never reused, so a search racing a write finds nothing rather than another chunk.
        Sql("""
        CREATE TABLE chunk_vectors (
            chunk_id    TEXT NOT NULL PRIMARY KEY,
            document_id TEXT NOT NULL,
            set_name    TEXT NOT NULL,
            vector      BLOB NOT NULL) WITHOUT ROWID;
        CREATE INDEX ix_chunk_vectors_document_id ON chunk_vectors(document_id);
        INSERT INTO chunk_vectors (chunk_id, document_id, set_name, vector) SELECT chunk_id, document_id, set_name, vector FROM chunks;
        CREATE TABLE keyword_chunks (
            rowid       INTEGER PRIMARY KEY AUTOINCREMENT,
            chunk_id    TEXT NOT NULL UNIQUE,
            document_id TEXT NOT NULL);
        CREATE INDEX ix_keyword_chunks_document_id ON keyword_chunks(document_id);
        INSERT INTO keyword_chunks (rowid, chunk_id, document_id) SELECT rowid, chunk_id, document_id FROM chunks;
        ALTER TABLE chunks DROP COLUMN vector;
        """),

        // Version 5. The durable ingestion queue (IIngestJobStore, docs/ingestion.md): one row per job, the latest job of a
        // document being the one with the highest job_id; times are Unix milliseconds (UTC) so that due and lease checks
        // are integer comparisons. state: queued, parsing, embedding, indexed, failed, skipped. ingest_workers holds the
        // live workers' heartbeats.
        Sql("""
        CREATE TABLE ingest_jobs (
            job_id         INTEGER PRIMARY KEY AUTOINCREMENT,
            batch_id       TEXT NOT NULL,
            set_name       TEXT NOT NULL COLLATE NOCASE,
            document_id    TEXT NOT NULL,
            full_path      TEXT NOT NULL,
            relative_path  TEXT NOT NULL,
            content_hash   TEXT,
            actor          TEXT NOT NULL,
            state          TEXT NOT NULL,
            attempts       INTEGER NOT NULL DEFAULT 0,
            reason         TEXT,
            pages_done     INTEGER NOT NULL DEFAULT 0,
            pages_total    INTEGER NOT NULL DEFAULT 0,
            chunks_done    INTEGER NOT NULL DEFAULT 0,
            chunks_total   INTEGER NOT NULL DEFAULT 0,
            worker_id      TEXT,
            lease_until_ms INTEGER,
            due_ms         INTEGER NOT NULL,
            created_ms     INTEGER NOT NULL,
            updated_ms     INTEGER NOT NULL);
        CREATE INDEX ix_ingest_jobs_state ON ingest_jobs(state, job_id);
        CREATE INDEX ix_ingest_jobs_document ON ingest_jobs(document_id, job_id);
        CREATE INDEX ix_ingest_jobs_batch ON ingest_jobs(batch_id, job_id);
        CREATE TABLE ingest_workers (
            worker_id          TEXT NOT NULL PRIMARY KEY,
            host               TEXT NOT NULL,
            process_id         INTEGER NOT NULL,
            execution_provider TEXT NOT NULL,
            started_ms         INTEGER NOT NULL,
            last_seen_ms       INTEGER NOT NULL);
        """),

        // Version 6. index_changes: the change log every process reads to see what others wrote (docs/storage.md,
        // "Every process sees the same index"). Written in the transaction of the change it records: kind 'document'
        // (replaced or deleted; subject = document id) and 'set' (created or its readers changed; subject = canonical
        // name) by the catalog, kind 'vector' (upserted or deleted; subject = chunk id) by the SQLite vector index.
        // A reader polls PRAGMA data_version and applies the rows after the last seq it applied. AUTOINCREMENT: seqs
        // only grow and no committed row leaves a gap, so a reader that finds min(seq) above its next one knows that
        // pruning passed it and reloads instead.
        Sql("""
        CREATE TABLE index_changes (
            seq     INTEGER PRIMARY KEY AUTOINCREMENT,
            kind    TEXT NOT NULL,
            subject TEXT NOT NULL);
        CREATE INDEX ix_index_changes_kind_seq ON index_changes(kind, seq);
        """),

        // Version 7 of the merged schema (issue 16; appended after issue 14's versions 5 and 6 at merge). The keyword
        // index's analyzer becomes a setting (Rag:Storage:KeywordAnalyzer, simple by default; english adds the Porter stemming that
        // version 1 left out on purpose took SciFact's BM25 nDCG@10 from 0.630 to 0.673, see bench/README.md). Every
        // file so far was built with the simple analyzer (unicode61 remove_diacritics 2); this records it, and the open
        // that follows rebuilds chunks_fts from the stored chunk texts when the configured analyzer differs (KeywordTable).
        Sql("""
        INSERT INTO meta(key, value) VALUES('keyword_analyzer', 'simple') ON CONFLICT(key) DO NOTHING;
        """),
    ];

    /// <summary>The version this build writes.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>Brings the database to <see cref="LatestVersion"/>; refuses a database written by a newer build.</summary>
    public static void Migrate(SqliteConnection connection, ILogger logger, CancellationToken cancellationToken)
    {
        connection.Execute("CREATE TABLE IF NOT EXISTS meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL);");
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var transaction = connection.BeginTransaction(deferred: false);
            var version = ReadVersion(connection, transaction);
            ThrowIfNewer(connection, version);
            if (version == LatestVersion)
            {
                return;
            }

            Migrations[version](connection, transaction, logger);
            using (var update = connection.Command("INSERT INTO meta(key, value) VALUES($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value;", transaction))
            {
                update.Parameters.AddWithValue("$key", SchemaVersionKey);
                update.Parameters.AddWithValue("$value", (version + 1).ToString(CultureInfo.InvariantCulture));
                update.ExecuteNonQuery();
            }

            transaction.Commit();
            logger.SchemaMigrated(connection.DataSource, version, version + 1);
        }
    }

    /// <summary>The stored schema version, 0 for a new file.</summary>
    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.Command("SELECT value FROM meta WHERE key = $key;", transaction);
        command.Parameters.AddWithValue("$key", SchemaVersionKey);
        return command.ExecuteScalar() is string value ? int.Parse(value, CultureInfo.InvariantCulture) : 0;
    }

    private static Action<SqliteConnection, SqliteTransaction, ILogger> Sql(string sql) =>
        (connection, transaction, _) => connection.Execute(sql, transaction);

    private static void ThrowIfNewer(SqliteConnection connection, int version)
    {
        if (version > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The document index '{connection.DataSource}' has schema version {version}, but this build understands up to {LatestVersion}. Upgrade the application.");
        }
    }
}
