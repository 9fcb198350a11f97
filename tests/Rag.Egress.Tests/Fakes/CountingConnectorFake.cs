using System.Collections.Concurrent;
using System.Net;
using Rag.Egress;

namespace Rag.Egress.Tests.Fakes;

/// <summary>Records every connection attempt, then connects for real through the product's connector.</summary>
internal sealed class CountingConnectorFake : IEgressConnector
{
    private readonly SocketEgressConnector _real = new();
    private readonly ConcurrentQueue<IPEndPoint> _attempts = new();

    public IReadOnlyCollection<IPEndPoint> Attempts => _attempts;

    public ValueTask<Stream> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        _attempts.Enqueue(endPoint);
        return _real.ConnectAsync(endPoint, cancellationToken);
    }
}
