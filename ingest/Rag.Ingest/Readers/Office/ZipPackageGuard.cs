using System.Globalization;
using System.IO.Compression;

namespace Rag.Ingest.Readers.Office;

/// <summary>
/// Inspects a ZIP package before an Office parser opens it: entry count, duplicate entry names, and the real
/// inflated size of every entry (the declared sizes in the headers can lie, so each entry is inflated into a
/// counting sink and abandoned as soon as it passes a limit; nothing is kept in memory). Throws
/// <see cref="DocumentReadException"/> naming the limit and its configuration key.
/// </summary>
internal sealed class ZipPackageGuard(ZipPackageLimits limits)
{
    private const int BufferSize = 81920;

    public void Check(byte[] package, string format, CancellationToken cancellationToken)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(package, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            throw new DocumentReadException($"{format} is not a valid ZIP package: {TextNormalizer.Collapse(ex.Message)}", ex);
        }

        using (archive)
        {
            CheckEntries(archive, format);
            CheckSizes(archive, format, cancellationToken);
        }
    }

    private void CheckEntries(ZipArchive archive, string format)
    {
        if (archive.Entries.Count > limits.MaxEntries)
        {
            throw new DocumentReadException(
                $"{format} refused: the package has {archive.Entries.Count:N0} entries, more than the limit of {limits.MaxEntries:N0} (Rag:Ingestion:ZipMaxEntries)");
        }

        if (!limits.RejectDuplicateNames)
        {
            return;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in archive.Entries)
        {
            if (!names.Add(entry.FullName))
            {
                throw new DocumentReadException(
                    $"{format} refused: the package holds the entry '{TextNormalizer.Collapse(entry.FullName)}' twice; a parser could read either copy (Rag:Ingestion:ZipRejectDuplicateNames)");
            }
        }
    }

    private void CheckSizes(ZipArchive archive, string format, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        long total = 0;
        foreach (var entry in archive.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var compressed = Math.Max(entry.CompressedLength, 1);
            long inflated = 0;
            try
            {
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    inflated += read;
                    total += read;
                    if (total > limits.MaxUncompressedBytes)
                    {
                        throw new DocumentReadException(
                            $"{format} refused: its entries inflate to more than {limits.MaxUncompressedBytes:N0} bytes (Rag:Ingestion:ZipMaxUncompressedBytes; a zip bomb?)");
                    }

                    if (inflated > ZipPackageLimits.RatioExemptBytes && inflated / compressed > limits.MaxCompressionRatio)
                    {
                        throw new DocumentReadException(string.Create(
                            CultureInfo.InvariantCulture,
                            $"{format} refused: entry '{TextNormalizer.Collapse(entry.FullName)}' inflates more than {limits.MaxCompressionRatio} times its compressed size of {compressed:N0} bytes (Rag:Ingestion:ZipMaxCompressionRatio; a zip bomb?)"));
                    }
                }
            }
            catch (InvalidDataException ex)
            {
                throw new DocumentReadException($"{format} is corrupt: entry '{TextNormalizer.Collapse(entry.FullName)}' cannot be inflated ({TextNormalizer.Collapse(ex.Message)})", ex);
            }
        }
    }
}
