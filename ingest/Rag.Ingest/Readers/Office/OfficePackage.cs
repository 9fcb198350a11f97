using System.IO.Packaging;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace Rag.Ingest.Readers.Office;

/// <summary>
/// What the Office readers share: the ZIP checks of <see cref="ZipPackageGuard"/> before OpenXml sees the bytes,
/// read-only open settings, and OpenXml's failures turned into readable reasons.
/// </summary>
internal static class OfficePackage
{
    /// <summary>Read-only, no markup-compatibility rewriting, and a cap on one part's characters (a second line behind the guard).</summary>
    public static OpenSettings Settings(ZipPackageLimits limits) => new()
    {
        AutoSave = false,
        MaxCharactersInPart = Math.Max(1, limits.MaxUncompressedBytes),
    };

    /// <summary>Reads <paramref name="content"/>, checks it and returns a stream over the checked bytes.</summary>
    public static async Task<MemoryStream> OpenCheckedAsync(Stream content, ZipPackageLimits limits, string format, CancellationToken cancellationToken)
    {
        var bytes = await ReaderStreams.ReadAllBytesAsync(content, cancellationToken);
        if (bytes.Length == 0)
        {
            throw new DocumentReadException($"{format} is empty (0 bytes)");
        }

        new ZipPackageGuard(limits).Check(bytes, format, cancellationToken);
        return new MemoryStream(bytes, writable: false);
    }

    /// <summary>Runs <paramref name="read"/>; OpenXml's own failures become <see cref="DocumentReadException"/>.</summary>
    public static T Parse<T>(string format, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or InvalidDataException or System.Xml.XmlException or InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            throw new DocumentReadException($"{format} is malformed: {ex.GetType().Name}: {Shorten(TextNormalizer.Collapse(ex.Message))}", ex);
        }
    }

    /// <summary>The core-properties title when it is set.</summary>
    public static string? Title(OpenXmlPackage package)
    {
        var title = TextNormalizer.Collapse(package.PackageProperties.Title);
        return title.Length > 0 ? title : null;
    }

    private static string Shorten(string message) => message.Length > 300 ? message[..300] + "..." : message;
}
