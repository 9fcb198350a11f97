using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rag.Core.Documents;
using Rag.Core.Storage;

namespace Rag.Storage.Sqlite;

/// <summary>The catalog's read side: which sets a caller may read, and turning index hits (chunk ids) back into chunks.</summary>
internal static class ChunkQueries
{
    private const string ChunkColumns =
        "c.chunk_id, c.document_id, c.set_name, c.idx, c.text, c.heading_path, c.first_page, c.last_page, c.start_offset, c.end_offset, d.title, d.content_hash, d.source_path";

    private const string ReadableSetsSql =
        "SELECT DISTINCT g.set_name FROM set_groups g WHERE g.group_key IN (SELECT value FROM json_each($groups))";

    // The set filter repeats the access check: a chunk found by an index is only returned if it is still readable now.
    private const string HydrateSql =
        "SELECT " + ChunkColumns +
        " FROM chunks c JOIN documents d ON d.document_id = c.document_id" +
        " WHERE c.chunk_id IN (SELECT value FROM json_each($ids)) AND c.set_name IN (SELECT value FROM json_each($sets));";

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

    /// <summary>The chunks of <paramref name="top"/> that still exist in <paramref name="readableSets"/>, in the order given.</summary>
    public static async Task<List<SearchHit>> HydrateAsync(SqliteConnection connection, IReadOnlyList<ScoredChunk> top, IReadOnlyList<string> readableSets, CancellationToken cancellationToken)
    {
        var ids = new StringBuilder(2 + (top.Count * 39));
        ids.Append('[');
        for (var i = 0; i < top.Count; i++)
        {
            // Formatted straight into the builder: no string per hit.
            ids.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "\"" : ",\"")}{top[i].ChunkId:D}\"");
        }

        await using var command = connection.Command(HydrateSql);
        command.Parameters.AddWithValue("$ids", ids.Append(']').ToString());
        command.Parameters.AddWithValue("$sets", JsonSerializer.Serialize(readableSets));
        var found = new Dictionary<Guid, (Chunk Chunk, string Title)>(top.Count);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var chunk = ReadChunk(reader);
                found[chunk.Id] = (chunk, reader.GetString(10));
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
        Guid.Parse(reader.GetString(0)),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetInt32(3),
        reader.GetString(4),
        JsonSerializer.Deserialize<string[]>(reader.GetString(5)) ?? [],
        reader.GetInt32(6),
        reader.GetInt32(7),
        reader.GetInt32(8),
        reader.GetInt32(9))
    {
        DocumentVersion = reader.GetString(11),
        SourcePath = reader.GetString(12),
    };
}
