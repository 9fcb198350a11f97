using System.Collections.Concurrent;
using System.Net;
using Rag.Egress;

namespace Rag.Egress.Tests.Fakes;

/// <summary>A resolver with fixed answers (there is no DNS in a test run) that records every name it was asked for.</summary>
internal sealed class EgressResolverFake : IEgressResolver
{
    private readonly ConcurrentDictionary<string, IPAddress[]> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _asked = new();

    public IReadOnlyCollection<string> Asked => _asked;

    public EgressResolverFake Answer(string host, params string[] addresses)
    {
        _answers[host] = addresses.Select(IPAddress.Parse).ToArray();
        return this;
    }

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default)
    {
        _asked.Enqueue(host);
        return _answers.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound));
    }
}
