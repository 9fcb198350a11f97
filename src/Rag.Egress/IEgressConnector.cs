using System.Net;

namespace Rag.Egress;

/// <summary>Opens the TCP connection to an address the guard has permitted (a seam: tests count connection attempts).</summary>
public interface IEgressConnector
{
    /// <summary>Connects to <paramref name="endPoint"/> and returns the connection's stream.</summary>
    ValueTask<Stream> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken = default);
}
