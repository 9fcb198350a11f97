using System.Net;
using System.Net.Sockets;

namespace Rag.Cli.Up;

/// <summary>The one address <c>rag up</c> serves on, checked before anything starts.</summary>
internal sealed record ListenAddress(Uri Url)
{
    /// <summary>Parses <paramref name="value"/> (an absolute http or https URL with a host and a port other than 0); throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static ListenAddress Parse(string value)
    {
        if (value.Contains(';', StringComparison.Ordinal))
        {
            throw new ArgumentException($"--urls takes one address for 'rag up' (got {value}).");
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || url.AbsolutePath != "/")
        {
            throw new ArgumentException($"--urls must be an address such as http://127.0.0.1:5080 (got {value}).");
        }

        if (url.Port == 0)
        {
            throw new ArgumentException($"--urls needs a fixed port, not 0 (got {value}): 'rag up' prints the address people open.");
        }

        return new ListenAddress(url);
    }

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> naming the address when something already listens there (another
    /// <c>rag up</c>, <c>rag web</c> or any service), so the web app is not started only to fail.
    /// </summary>
    public void EnsureFree()
    {
        var address = Url.Host switch
        {
            "localhost" => IPAddress.Loopback,
            "*" or "+" or "0.0.0.0" => IPAddress.Any,
            _ when IPAddress.TryParse(Url.Host.Trim('[', ']'), out var ip) => ip,
            _ => IPAddress.Any,
        };
        var listener = new TcpListener(address, Url.Port);
        try
        {
            listener.Start();
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied or SocketError.AddressNotAvailable)
        {
            var why = ex.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => "is already in use (another 'rag up', 'rag web' or another service listens there)",
                SocketError.AccessDenied => "may not be used by this account (ports below 1024 need privileges)",
                _ => "is not an address of this machine",
            };
            throw new InvalidOperationException($"cannot serve on {Url.GetLeftPart(UriPartial.Authority)}: port {Url.Port} on {address} {why}. Choose another with --urls, e.g. --urls http://127.0.0.1:5081.", ex);
        }
        finally
        {
            listener.Stop();
        }
    }
}
