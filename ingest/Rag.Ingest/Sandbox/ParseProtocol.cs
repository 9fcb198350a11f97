using System.Buffers.Binary;
using System.Text.Json;

namespace Rag.Ingest.Sandbox;

/// <summary>Frames on the child's stdin and stdout: a 4-byte little-endian length, then that many bytes of UTF-8 JSON.</summary>
internal static class ParseProtocol
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>Writes one frame and flushes.</summary>
    public static async Task WriteAsync<T>(Stream stream, T message, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, Json);
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, body.Length);
        await stream.WriteAsync(header, cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>Reads one frame; null at the end of the stream (the other side closed or died).</summary>
    /// <exception cref="InvalidDataException">The frame is larger than <paramref name="maxBytes"/> or not valid JSON.</exception>
    public static async Task<T?> ReadAsync<T>(Stream stream, long maxBytes, CancellationToken cancellationToken = default)
        where T : class
    {
        var header = new byte[4];
        if (!await ReadExactlyOrEndAsync(stream, header, cancellationToken))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 0 || length > maxBytes)
        {
            throw new InvalidDataException($"protocol frame of {length:N0} bytes is outside 0..{maxBytes:N0}");
        }

        var body = new byte[length];
        if (!await ReadExactlyOrEndAsync(stream, body, cancellationToken))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body, Json) ?? throw new InvalidDataException("protocol frame is JSON null");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("protocol frame is not valid JSON: " + ex.Message, ex);
        }
    }

    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }
}
