using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Web.Api;

namespace Rag.Web.Authentication;

/// <summary>The configured keys' hashes, decoded once; looks a presented key up in constant time.</summary>
internal sealed class ApiKeyStore
{
    private readonly (ApiKeyEntry Entry, byte[] Hash)[] _keys;

    public ApiKeyStore(IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = [.. options.Value.Keys.Select(k => (k, Convert.FromHexString(k.KeySha256)))];
    }

    public bool IsEmpty => _keys.Length == 0;

    /// <summary>The entry whose hash is the presented key's, or null. Every entry is compared, so timing says nothing about which.</summary>
    public ApiKeyEntry? Find(string presentedKey)
    {
        var hash = ApiKeys.Sha256(presentedKey);
        ApiKeyEntry? match = null;
        foreach (var (entry, expected) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                match = entry;
            }
        }

        return match;
    }
}
