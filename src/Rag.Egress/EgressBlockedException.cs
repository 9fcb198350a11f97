using System.Net;

namespace Rag.Egress;

/// <summary>
/// An outbound connection refused by the egress guard, before any TCP connection was opened. Derives from
/// <see cref="HttpRequestException"/> so code that handles HTTP failures handles it too; an audit record
/// (<c>egress.blocked</c>) was written for it.
/// </summary>
public sealed class EgressBlockedException : HttpRequestException
{
    /// <summary>Creates the exception for a refused connection.</summary>
    public EgressBlockedException(string host, int port, IPAddress? address, string component, string reason)
        : base(HttpRequestError.ConnectionError, Describe(host, port, address, component, reason))
    {
        Host = host;
        Port = port;
        Address = address;
        Component = component;
        Reason = reason;
    }

    /// <summary>Creates the exception.</summary>
    public EgressBlockedException()
        : this("Egress blocked.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EgressBlockedException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public EgressBlockedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Host = string.Empty;
        Component = string.Empty;
        Reason = message;
    }

    /// <summary>The host name (or address literal) that was asked for.</summary>
    public string Host { get; }

    /// <summary>The port that was asked for.</summary>
    public int Port { get; }

    /// <summary>The resolved address that was refused, when the refusal came after name resolution.</summary>
    public IPAddress? Address { get; }

    /// <summary>The component (named HttpClient) that tried to connect.</summary>
    public string Component { get; }

    /// <summary>Why the connection was refused.</summary>
    public string Reason { get; }

    private static string Describe(string host, int port, IPAddress? address, string component, string reason) =>
        $"Egress blocked: {host}:{port}{(address is null ? string.Empty : $" ({address})")} (component '{component}') — {reason}.";
}
