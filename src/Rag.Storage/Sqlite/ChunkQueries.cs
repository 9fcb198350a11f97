using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rag.Core.Documents;
using Rag.Core.Storage;
using Rag.Storage.Vectors;

namespace Rag.Storage.Sqlite;

/// <summary>The read side: which sets a caller may read, keyword search, and turning rowids back into chunks.</summary>
internal static class ChunkQueries
{
    // BM25 column weights (text, headings, title, set_tag): the chunk's own words count most; a title word is shared by
    // every chunk of the document, so it should break ties rather than decide the ranking; the set tag is the access
    // filter and never scores.
    private const string Bm25 = "bm25(chunks_fts, 1.0, 0.75, 0.5, 0.0)";

    private const string ChunkColumns =
        "c.rowid, c.chunk_id, c.document_id, c.set_name, c.idx, c.text, c.heading_path, c.first_page, c.last_page, c.start_offset, c.end_offset, d.title, d.content_hash, d.source_path";

    private const string ReadableSetsSql =
        "SELECT DISTINCT g.set_name FROM set_groups g WHERE g.group_key IN (SELECT value FROM json_each($groups))";

    // The access filter is inside the MATCH expression (FtsQuery.Restrict: the readable sets' tags), so FTS5 never
    // walks the postings of other sets and LIMIT counts only chunks the caller may read.
    private const string KeywordSql =
        "SELECT " + ChunkColumns + ", -" + Bm25 + " AS score" +
        " FROM chunks_fts JOIN chunks c ON c.rowid = chunks_fts.rowid JOIN documents d ON d.document_id = c.document_id" +
        " WHERE chunks_fts MATCH $match" +
        " ORDER BY score DESC, c.rowid LIMIT $limit;";

    // The set filter repeats the access check: a rowid found in memory is only returned if it is still readable now.
    private const string HydrateSql =
        "SELECT " + ChunkColumns +
        " FROM chunks c JOIN documents d ON d.document_id = c.document_id" +
        " WHERE c.rowid IN (SELECT value FROM json_each($rowids)) AND c.set_name IN (SELECT value FROM json_each($sets));";

    /// <summary>Canonical names of the sets readable by the groups in <paramref name="groupKeysJson"/>.</summary>
    public static async Task<List<string>> ReadableSetsAsync(SqliteConnection connection, string groupKeysJson, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(ReadableSetsSql + ";");
        command.Parameters.AddWithValue("$groups", groupKeysJson);
        var sets = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sets.Add(reader.GetString(0));
        }

        return sets;
    }

    /// <summary>BM25 search for <paramref name="match"/> (an <see cref="FtsQuery"/> expression) over the chunks of <paramref name="readableSets"/> (not empty).</summary>
    public static async Task<List<SearchHit>> KeywordAsync(SqliteConnection connection, string match, IReadOnlyList<string> readableSets, int limit, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(KeywordSql);
        command.Parameters.AddWithValue("$match", FtsQuery.Restrict(match, readableSets));
        command.Parameters.AddWithValue("$limit", limit);
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new SearchHit(ReadChunk(reader), reader.GetString(11), reader.GetDouble(14)));
        }

        return hits;
    }

    /// <summary>The chunks of <paramref name="top"/> that still exist in <paramref name="readableSets"/>, in the order given.</summary>
    public static async Task<List<SearchHit>> HydrateAsync(SqliteConnection connection, ScoredKey[] top, IReadOnlyList<string> readableSets, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(HydrateSql);
        command.Parameters.AddWithValue("$rowids", "[" + string.Join(',', top.Select(t => t.Key.ToString(CultureInfo.InvariantCulture))) + "]");
        command.Parameters.AddWithValue("$sets", JsonSerializer.Serialize(readableSets));
        var found = new Dictionary<long, (Chunk Chunk, string Title)>(top.Length);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found[reader.GetInt64(0)] = (ReadChunk(reader), reader.GetString(11));
            }
        }

        var hits = new List<SearchHit>(found.Count);
        foreach (var (key, score) in top)
        {
            if (found.TryGetValue(key, out var row))
            {
                hits.Add(new SearchHit(row.Chunk, row.Title, score));
            }
        }

        return hits;
    }

    private static Chunk ReadChunk(SqliteDataReader reader) => new(
        Guid.Parse(reader.GetString(1)),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetInt32(4),
        reader.GetString(5),
        JsonSerializer.Deserialize<string[]>(reader.GetString(6)) ?? [],
        reader.GetInt32(7),
        reader.GetInt32(8),
        reader.GetInt32(9),
        reader.GetInt32(10))
    {
        DocumentVersion = reader.GetString(12),
        SourcePath = reader.GetString(13),
    };
}
