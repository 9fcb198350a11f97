using System.Net;
using System.Runtime.ExceptionServices;

namespace Rag.Egress;

/// <summary>
/// The primary handler of every guarded client: a <see cref="SocketsHttpHandler"/> whose connect callback is the
/// <see cref="EgressGuard"/>, behind a thin layer that (1) refuses a denied host before anything else, (2) keeps
/// requests on HTTP/1.1 or HTTP/2 (HTTP/3 runs over QUIC, which bypasses the connect callback), (3) surfaces the
/// <see cref="EgressBlockedException"/> rather than the handler's wrapping, and (4) behind a proxy — where the
/// connect callback only sees the proxy — follows redirects itself so every hop's host is checked.
/// </summary>
internal sealed class EgressGuardHandler : DelegatingHandler
{
    private const int MaxRedirects = 10;

    private readonly EgressGuard _guard;
    private readonly bool _followRedirects;

    public EgressGuardHandler(EgressGuard guard, string component, SocketsHttpHandler inner, bool followRedirects)
        : base(inner)
    {
        _guard = guard;
        Component = component;
        _followRedirects = followRedirects;
        inner.ConnectCallback = (context, cancellationToken) => _guard.ConnectAsync(Component, context.DnsEndPoint, cancellationToken);
    }

    /// <summary>The component named in audit records (the client's name, set by <see cref="EgressHandlerBuilderFilter"/>).</summary>
    public string Component { get; set; }

    /// <summary>True for the handler <c>ConfigureHttpClientDefaults</c> made, which takes the name of the client it ends up in.</summary>
    public bool TakesClientName { get; init; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var redirects = 0;
        while (true)
        {
            var response = await SendOneAsync(request, cancellationToken).ConfigureAwait(false);
            if (!_followRedirects || redirects++ >= MaxRedirects || NextHop(request, response) is not { } next)
            {
                return response;
            }

            response.Dispose();
            var status = (int)response.StatusCode;
            if (status == 303 || ((status == 301 || status == 302) && request.Method == HttpMethod.Post))
            {
                request.Method = HttpMethod.Get;
                request.Content = null;
            }

            request.Headers.Authorization = null;
            request.RequestUri = next;
        }
    }

    private static Uri? NextHop(HttpRequestMessage request, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location || request.RequestUri is null)
        {
            return null;
        }

        var next = location.IsAbsoluteUri ? location : new Uri(request.RequestUri, location);
        var downgrade = request.RequestUri.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp;
        return (next.Scheme == Uri.UriSchemeHttp || next.Scheme == Uri.UriSchemeHttps) && !downgrade ? next : null;
    }

    private async Task<HttpResponseMessage> SendOneAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            await _guard.EnsureHostAllowedAsync(uri, Component).ConfigureAwait(false);
        }

        if (request.Version.Major >= 3)
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }
        else if (request.VersionPolicy == HttpVersionPolicy.RequestVersionOrHigher)
        {
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }

        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (Find(ex) is { } blocked && !ReferenceEquals(blocked, ex))
        {
            ExceptionDispatchInfo.Throw(blocked);
            throw;
        }
    }

    private static EgressBlockedException? Find(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is EgressBlockedException blocked)
            {
                return blocked;
            }
        }

        return null;
    }
}
