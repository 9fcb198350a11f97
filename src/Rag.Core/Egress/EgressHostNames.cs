using System.Globalization;
using System.Net;

namespace Rag.Core.Egress;

/// <summary>How the egress policy reads host names: one normal form for matching.</summary>
public static class EgressHostNames
{
    private static readonly IdnMapping Idn = new();

    /// <summary>
    /// Lower case, surrounding white space and one trailing dot removed, IPv6 brackets removed, international names
    /// in their ASCII (punycode) form. Returns an empty string for null or blank input.
    /// </summary>
    public static string Normalize(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return string.Empty;
        }

        var name = host.Trim();
        if (name.Length > 1 && name[0] == '[' && name[^1] == ']')
        {
            name = name[1..^1];
        }

        if (name.EndsWith('.'))
        {
            name = name[..^1];
        }

        if (!name.All(char.IsAscii))
        {
            try
            {
                name = Idn.GetAscii(name);
            }
            catch (ArgumentException)
            {
                // Not a valid international name: matched as written, so it matches no allow-list entry.
            }
        }

        return name.ToLowerInvariant();
    }

    /// <summary>True when <paramref name="host"/> (normalised) is an IPv4 or IPv6 address literal; <paramref name="address"/> is then that address.</summary>
    public static bool TryParseAddress(string host, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        var name = Normalize(host);
        if (name.Length == 0 || !(name.Contains(':', StringComparison.Ordinal) || name.All(c => char.IsAsciiDigit(c) || c == '.')))
        {
            return false;
        }

        return IPAddress.TryParse(name, out address);
    }

    /// <summary>True for <c>localhost</c> and names under it (RFC 6761), which resolve to loopback.</summary>
    public static bool IsLoopbackName(string host)
    {
        var name = Normalize(host);
        return name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal);
    }
}
