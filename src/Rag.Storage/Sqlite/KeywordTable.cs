using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Rag.Core.Storage;
using Rag.Storage.Logging;

namespace Rag.Storage.Sqlite;

/// <summary>
/// The FTS5 table <c>chunks_fts</c> and the analyzer it was built with (<c>meta.keyword_analyzer</c>). FTS5 fixes the
/// tokenizer when the table is created, so an index opened with another analyzer than the one it holds is rebuilt
/// from the stored chunk texts (catalog rows; the vectors are not touched). The rebuild runs in one IMMEDIATE
/// transaction: a crash leaves the old table and the old analyzer's name, and the next open rebuilds again.
/// </summary>
internal static class KeywordTable
{
    public const string AnalyzerKey = "keyword_analyzer";

    /// <summary>The analyzer name stored in <c>meta</c>: english or simple.</summary>
    public static string Name(KeywordAnalyzer analyzer) => analyzer switch
    {
        KeywordAnalyzer.English => "english",
        KeywordAnalyzer.Simple => "simple",
        _ => throw new ArgumentOutOfRangeException(nameof(analyzer), analyzer, "Unknown keyword analyzer."),
    };

    /// <summary>
    /// The FTS5 tokenizer of an analyzer. Both fold case and remove diacritics (unicode61 remove_diacritics 2);
    /// english adds the Porter stemmer on top.
    /// </summary>
    public static string Tokenizer(KeywordAnalyzer analyzer) => analyzer switch
    {
        KeywordAnalyzer.English => "porter unicode61 remove_diacritics 2",
        KeywordAnalyzer.Simple => "unicode61 remove_diacritics 2",
        _ => throw new ArgumentOutOfRangeException(nameof(analyzer), analyzer, "Unknown keyword analyzer."),
    };

    /// <summary>Rebuilds <c>chunks_fts</c> with <paramref name="analyzer"/> unless the index already holds it.</summary>
    public static void Ensure(SqliteConnection connection, KeywordAnalyzer analyzer, ILogger logger, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var wanted = Name(analyzer);
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var read = connection.Command("SELECT value FROM meta WHERE key = $key;", transaction))
        {
            read.Parameters.AddWithValue("$key", AnalyzerKey);
            if (read.ExecuteScalar() is string stored && stored == wanted)
            {
                return;
            }
        }

        var started = Stopwatch.GetTimestamp();
        // The rowids stay keyword_chunks.rowid, so nothing else changes. The tokenizer string is one of two constants.
        connection.Execute(
            $"""
            DROP TABLE chunks_fts;
            CREATE VIRTUAL TABLE chunks_fts USING fts5(
                text, headings, title, set_tag,
                content = '', contentless_delete = 1,
                tokenize = '{Tokenizer(analyzer)}');
            INSERT INTO chunks_fts (rowid, text, headings, title, set_tag)
                SELECT k.rowid, c.text, (SELECT ifnull(group_concat(h.value, char(10)), '') FROM json_each(c.heading_path) h), d.title, 's' || lower(hex(c.set_name))
                FROM keyword_chunks k JOIN chunks c ON c.chunk_id = k.chunk_id JOIN documents d ON d.document_id = c.document_id;
            """,
            transaction);
        int rows;
        using (var count = connection.Command("SELECT count(*) FROM keyword_chunks;", transaction))
        {
            rows = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        using (var write = connection.Command("INSERT INTO meta(key, value) VALUES($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value;", transaction))
        {
            write.Parameters.AddWithValue("$key", AnalyzerKey);
            write.Parameters.AddWithValue("$value", wanted);
            write.ExecuteNonQuery();
        }

        transaction.Commit();
        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        logger.KeywordIndexRebuilt(connection.DataSource, wanted, rows, elapsedMs);
    }
}
