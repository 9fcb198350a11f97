using System.Text;

namespace Rag.Ingest.Readers;

/// <summary>Reads a reader's input stream into memory and decodes text (BOM aware, invalid bytes replaced).</summary>
internal static class ReaderStreams
{
    private static readonly UTF8Encoding Utf8Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static async Task<byte[]> ReadAllBytesAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content is MemoryStream memory && memory.Position == 0)
        {
            return memory.ToArray();
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>Decodes UTF-8 by default; a UTF-8/UTF-16/UTF-32 byte-order mark wins. Never throws on bad bytes.</summary>
    public static async Task<string> ReadAllTextAsync(Stream content, CancellationToken cancellationToken)
    {
        var bytes = await ReadAllBytesAsync(content, cancellationToken);
        using var reader = new StreamReader(new MemoryStream(bytes, writable: false), Utf8Lenient, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
