using System.Net;

namespace Rag.Egress;

/// <summary>Resolves host names for the egress guard (a seam: tests substitute a fake, there being no DNS in a test run).</summary>
public interface IEgressResolver
{
    /// <summary>The addresses of <paramref name="host"/>.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default);
}
