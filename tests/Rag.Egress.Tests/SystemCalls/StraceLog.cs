using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Rag.Egress.Tests.SystemCalls;

/// <summary>
/// Reads the output of <c>strace -f -e trace=connect,sendto,sendmsg,sendmmsg</c>: every socket address the traced
/// processes connected or sent to. Addresses are printed when the call starts, so the first half of an
/// <c>&lt;unfinished ...&gt;</c> line carries them too. A family or address it cannot read is reported as such,
/// never dropped.
/// </summary>
internal static partial class StraceLog
{
    public static IReadOnlyList<SocketCall> Parse(string trace, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var calls = new List<SocketCall>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var call = CallLine().Match(line);
            if (!call.Success)
            {
                continue;
            }

            var pid = int.Parse(call.Groups["pid"].Value, CultureInfo.InvariantCulture);
            var name = call.Groups["call"].Value;
            var families = Family().Matches(line);
            if (families.Count == 0)
            {
                calls.Add(new SocketCall(trace, pid, name, null, null, null, line));
                continue;
            }

            foreach (Match family in families)
            {
                var (address, port) = ReadAddress(family.Groups["family"].Value, line[family.Index..]);
                calls.Add(new SocketCall(trace, pid, name, family.Groups["family"].Value, address, port, line));
            }
        }

        return calls;
    }

    private static (IPAddress? Address, int? Port) ReadAddress(string family, string rest)
    {
        var match = family switch
        {
            "AF_INET" => Inet().Match(rest),
            "AF_INET6" => Inet6().Match(rest),
            _ => Match.Empty,
        };
        return match.Success && IPAddress.TryParse(match.Groups["address"].Value, out var address)
            ? (address, int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture))
            : (null, null);
    }

    [GeneratedRegex(@"^(?<pid>\d+)\s+(?:\d+\.\d+\s+)?(?<call>connect|sendto|sendmsg|sendmmsg)\(")]
    private static partial Regex CallLine();

    [GeneratedRegex(@"sa_family=(?<family>AF_[A-Z0-9_]+)")]
    private static partial Regex Family();

    [GeneratedRegex(@"^sa_family=AF_INET, sin_port=htons\((?<port>\d+)\), sin_addr=inet_addr\(""(?<address>[^""]+)""\)")]
    private static partial Regex Inet();

    [GeneratedRegex(@"^sa_family=AF_INET6, sin6_port=htons\((?<port>\d+)\),[^}]*?inet_pton\(AF_INET6, ""(?<address>[^""]+)""")]
    private static partial Regex Inet6();
}
