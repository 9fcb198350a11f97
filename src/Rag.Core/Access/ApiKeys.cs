using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Rag.Core.Access;

/// <summary>
/// The format of API keys: <c>rag_&lt;id&gt;_&lt;secret&gt;</c>, where the secret is 256 random bits (base64url).
/// The id is readable so that a refused key can be named in the audit trail without the key itself; only the
/// key's SHA-256 is ever configured or stored.
/// </summary>
public static class ApiKeys
{
    /// <summary>Every key starts with this.</summary>
    public const string Prefix = "rag_";

    /// <summary>Longest key id.</summary>
    public const int MaxIdLength = 64;

    private const int SecretBytes = 32;
    private static readonly SearchValues<char> IdChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.");

    /// <summary>True when <paramref name="id"/> is 1 to <see cref="MaxIdLength"/> letters, digits, '-' or '.'.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && !id.AsSpan().ContainsAnyExcept(IdChars);

    /// <summary>A new key for <paramref name="id"/> with a 256-bit random secret.</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a valid id.</exception>
    public static string Create(string id)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException($"The key id '{id}' is invalid: use 1 to {MaxIdLength} letters, digits, '-' or '.'.", nameof(id));
        }

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return Prefix + id + "_" + secret;
    }

    /// <summary>The lower-case hex SHA-256 of the key's UTF-8 bytes: what configuration holds.</summary>
    public static string Sha256Hex(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(Sha256(key));
    }

    /// <summary>The SHA-256 of the key's UTF-8 bytes.</summary>
    public static byte[] Sha256(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>The id a presented key claims (for the audit trail of a refused key), or null when it does not have the key format.</summary>
    public static string? ClaimedId(string? key)
    {
        if (key is null || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = key.AsSpan(Prefix.Length);
        var end = rest.IndexOf('_');
        if (end <= 0)
        {
            return null;
        }

        var id = rest[..end].ToString();
        return IsValidId(id) ? id : null;
    }
}
