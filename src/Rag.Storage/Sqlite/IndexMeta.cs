using System.Globalization;
using Microsoft.Data.Sqlite;
using Rag.Core.Access;
using Rag.Core.Embeddings;
using Rag.Storage.Vectors;

namespace Rag.Storage.Sqlite;

/// <summary>The bound embedding model in <c>meta</c>, and loading the stored vectors into memory at open.</summary>
internal static class IndexMeta
{
    /// <summary>The model bound to the index, or null.</summary>
    public static EmbeddingModelInfo? ReadModel(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.Command("SELECT key, value FROM meta WHERE key IN ($id_key, $dim_key);", transaction);
        command.Parameters.AddWithValue("$id_key", IndexSchema.ModelIdKey);
        command.Parameters.AddWithValue("$dim_key", IndexSchema.DimensionsKey);
        string? id = null;
        string? dimensions = null;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (reader.GetString(0) == IndexSchema.ModelIdKey)
            {
                id = reader.GetString(1);
            }
            else
            {
                dimensions = reader.GetString(1);
            }
        }

        return id is null || dimensions is null ? null : new EmbeddingModelInfo(id, int.Parse(dimensions, CultureInfo.InvariantCulture));
    }

    /// <summary>Binds <paramref name="model"/>; the caller has checked that none is bound.</summary>
    public static async Task WriteModelAsync(SqliteTransaction transaction, EmbeddingModelInfo model, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.Command("INSERT INTO meta (key, value) VALUES ($id_key, $id), ($dim_key, $dim);", transaction);
        command.Parameters.AddWithValue("$id_key", IndexSchema.ModelIdKey);
        command.Parameters.AddWithValue("$id", model.ModelId);
        command.Parameters.AddWithValue("$dim_key", IndexSchema.DimensionsKey);
        command.Parameters.AddWithValue("$dim", model.Dimensions.ToString(CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The stored spelling of set <paramref name="name"/>, or null. Stored names are NFC and compare with NOCASE,
    /// which folds ASCII letters only: together, the <see cref="NameKey"/> rule.
    /// </summary>
    public static async Task<string?> CanonicalSetNameAsync(SqliteTransaction transaction, string name, CancellationToken cancellationToken)
    {
        if (!NameKey.TryNormalize(name, out var normalized, out _))
        {
            return null;
        }

        await using var command = transaction.Connection!.Command("SELECT name FROM document_sets WHERE name = $name;", transaction);
        command.Parameters.AddWithValue("$name", normalized);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Reads every stored vector (<c>chunk_vectors</c>) into a new matrix, giving each set an ordinal on first sight.</summary>
    public static VectorMatrix LoadVectors(
        SqliteConnection connection, EmbeddingModelInfo model, SetOrdinalTable sets, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        using var count = connection.Command("SELECT count(*) FROM chunk_vectors;", transaction);
        var matrix = new VectorMatrix(model.Dimensions, Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture));
        var vector = new float[model.Dimensions];
        var blob = new byte[model.Dimensions * sizeof(float)];
        using var command = connection.Command("SELECT chunk_id, set_name, vector FROM chunk_vectors;", transaction);
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var length = rows.GetBytes(2, 0, null, 0, 0);
            if (length != blob.Length)
            {
                throw new InvalidDataException(
                    $"Chunk {rows.GetString(0)} in '{connection.DataSource}' has a {length}-byte vector; model '{model.ModelId}' needs {blob.Length} bytes.");
            }

            // One reused buffer: no per-row allocation while loading a million vectors.
            rows.GetBytes(2, 0, blob, 0, blob.Length);
            VectorMath.FromBlob(blob, vector);
            matrix.Upsert(Guid.Parse(rows.GetString(0)), sets.GetOrAdd(rows.GetString(1)), vector);
        }

        return matrix;
    }

    /// <summary>
    /// The chunks named by <c>vector</c> changes in (<paramref name="afterSeq"/>, <paramref name="throughSeq"/>], each with
    /// its current set and unit vector, or null when its row is gone (deleted).
    /// </summary>
    public static Dictionary<Guid, VectorChange?> ReadVectorChanges(
        SqliteConnection connection, SqliteTransaction transaction, EmbeddingModelInfo model, long afterSeq, long throughSeq, CancellationToken cancellationToken)
    {
        using var command = connection.Command(
            "SELECT c.subject, v.set_name, v.vector FROM index_changes c LEFT JOIN chunk_vectors v ON v.chunk_id = c.subject " +
            "WHERE c.kind = $kind AND c.seq > $after AND c.seq <= $through ORDER BY c.seq;",
            transaction);
        command.Parameters.AddWithValue("$kind", IndexChanges.Vector);
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$through", throughSeq);
        var changes = new Dictionary<Guid, VectorChange?>();
        var blobLength = model.Dimensions * sizeof(float);
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunkId = Guid.Parse(rows.GetString(0));
            if (rows.IsDBNull(2))
            {
                changes[chunkId] = null;
                continue;
            }

            var blob = (byte[])rows.GetValue(2);
            if (blob.Length != blobLength)
            {
                throw new InvalidDataException(
                    $"Chunk {chunkId} in '{connection.DataSource}' has a {blob.Length}-byte vector; model '{model.ModelId}' needs {blobLength} bytes.");
            }

            var vector = new float[model.Dimensions];
            VectorMath.FromBlob(blob, vector);
            changes[chunkId] = new VectorChange(rows.GetString(1), vector);
        }

        return changes;
    }
}
