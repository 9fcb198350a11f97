using System.Net;
using Microsoft.Extensions.Options;
using Rag.Core.Egress;

namespace Rag.Egress;

/// <summary>Builds the guarded handler: no proxy unless <see cref="EgressOptions.Proxy"/> is set, every connection through <see cref="EgressGuard"/>.</summary>
internal sealed class EgressHandlerFactory(EgressGuard guard, IOptions<EgressOptions> options) : IEgressHandlerFactory
{
    public HttpMessageHandler Create(string component) => CreateGuarded(component);

    /// <summary>Creates the handler; its connect callback is the guard (set by <see cref="EgressGuardHandler"/>).</summary>
    public EgressGuardHandler CreateGuarded(string component, bool takesClientName = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(component);
        var settings = options.Value;
        var proxy = settings.Proxy;
        var sockets = new SocketsHttpHandler
        {
            // No HTTP_PROXY, no system proxy: a proxy is used only when configured (and allowed).
            UseProxy = proxy is not null,
            Proxy = proxy is null ? null : new WebProxy(proxy),
            // Behind a proxy the connect callback sees only the proxy, so the guard handler follows redirects itself.
            AllowAutoRedirect = proxy is null,
            ConnectTimeout = settings.ConnectTimeout,
        };
        return new EgressGuardHandler(guard, component, sockets, followRedirects: proxy is not null) { TakesClientName = takesClientName };
    }
}
