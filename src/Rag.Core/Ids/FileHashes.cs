using System.Security.Cryptography;

namespace Rag.Core.Ids;

/// <summary>Content hashes of files: the document version of ingestion and the integrity check of model installs.</summary>
public static class FileHashes
{
    /// <summary>SHA-256 of the file at <paramref name="path"/>, as lower-case hex.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>SHA-256 of the file at <paramref name="path"/>, as lower-case hex (for callers that cannot await, such as a service lookup).</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
