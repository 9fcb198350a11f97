using System.Text;

namespace Rag.Web.Workspaces.Documents;

/// <summary>
/// Which files an upload accepts: by extension (one the readers support, <see cref="UploadOptions.AllowedExtensions"/>)
/// and, where it is cheap, by the first bytes: a file named <c>.pdf</c> must be a PDF, an Office file a ZIP package, a
/// text format text. The readers check everything else when the worker reads the file.
/// </summary>
internal static class UploadTypes
{
    /// <summary>Bytes of a file's beginning that <see cref="CheckContent"/> looks at.</summary>
    public const int SniffBytes = 1024;

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly string[] ZipPackages = [".docx", ".xlsx", ".pptx"];
    private static readonly string[] TextFormats = [".csv", ".eml", ".htm", ".html", ".markdown", ".md", ".text", ".txt"];

    /// <summary>The extension as compared: trimmed, lower case, with its leading dot.</summary>
    public static string Canonical(string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        var trimmed = extension.Trim().ToLowerInvariant();
        return trimmed.StartsWith('.') ? trimmed : "." + trimmed;
    }

    /// <summary>The extension of <paramref name="fileName"/> as <see cref="Canonical"/> gives it, or empty when it has none.</summary>
    public static string ExtensionOf(string fileName) =>
        Path.GetExtension(fileName) is { Length: > 1 } extension ? extension.ToLowerInvariant() : string.Empty;

    /// <summary>
    /// Null when <paramref name="head"/> (the file's first bytes, up to <see cref="SniffBytes"/>) fits
    /// <paramref name="extension"/>; else why not, in words for the person who uploaded it.
    /// </summary>
    public static string? CheckContent(string extension, ReadOnlySpan<byte> head)
    {
        if (extension == ".pdf")
        {
            // PDF readers accept a little junk before the header; the header must come within the first kilobyte.
            return head.IndexOf(PdfMagic) >= 0 ? null : "its content is not a PDF (no %PDF- header at its start)";
        }

        if (ZipPackages.Contains(extension, StringComparer.Ordinal))
        {
            return head.StartsWith(ZipMagic) ? null : $"its content is not an Office {extension} package (not a ZIP file)";
        }

        if (TextFormats.Contains(extension, StringComparer.Ordinal))
        {
            // UTF-16 text carries NUL bytes by design and starts with its byte-order mark; any other NUL means binary.
            var utf16 = head.StartsWith(Encoding.Unicode.Preamble) || head.StartsWith(Encoding.BigEndianUnicode.Preamble);
            return utf16 || !head.Contains((byte)0) ? null : $"its content is binary, not {extension} text";
        }

        return null;
    }
}
