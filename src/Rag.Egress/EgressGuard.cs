using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rag.Core.Audit;
using Rag.Core.Diagnostics;
using Rag.Core.Egress;

namespace Rag.Egress;

/// <summary>
/// Applies the <see cref="EgressPolicy"/> to one connection: the host name before resolution, every resolved address
/// before connecting, and an audit record plus <see cref="EgressBlockedException"/> for each refusal.
/// </summary>
internal sealed class EgressGuard(
    EgressPolicy policy,
    IEgressResolver resolver,
    IEgressConnector connector,
    IServiceProvider services,
    ILogger<EgressGuard> logger) : IEgressEndpointCheck
{
    /// <summary>Refuses <paramref name="uri"/> when its host is denied by name (or, for a literal, by address) — before any resolution.</summary>
    public Task EnsureHostAllowedAsync(Uri uri, string component) => EnsureHostAllowedAsync(uri.IdnHost, uri.Port, component);

    /// <inheritdoc />
    public Task EnsureAllowedAsync(Uri endpoint, string component, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        cancellationToken.ThrowIfCancellationRequested();
        return EnsureHostAllowedAsync(endpoint, component);
    }

    /// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/>: check, resolve, check every address, connect only to permitted ones.</summary>
    public async ValueTask<Stream> ConnectAsync(string component, DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var host = endPoint.Host;
        var port = endPoint.Port;
        await EnsureHostAllowedAsync(host, port, component).ConfigureAwait(false);

        var addresses = EgressHostNames.TryParseAddress(host, out var address)
            ? [address]
            : await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        var permitted = new List<IPAddress>();
        (IPAddress Address, string Reason)? firstRefusal = null;
        foreach (var candidate in addresses)
        {
            var check = policy.CheckAddress(host, candidate);
            if (check.IsAllowed)
            {
                permitted.Add(candidate);
            }
            else
            {
                firstRefusal ??= (candidate, check.Reason);
                logger.AddressSkipped(host, candidate.ToString(), check.Reason);
            }
        }

        if (permitted.Count == 0)
        {
            throw await BlockAsync(host, port, firstRefusal?.Address, component, firstRefusal?.Reason ?? "the name resolved to no address")
                .ConfigureAwait(false);
        }

        Exception? last = null;
        foreach (var target in permitted)
        {
            try
            {
                return await connector.ConnectAsync(new IPEndPoint(target, port), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                last = ex;
            }
        }

        throw new HttpRequestException(HttpRequestError.ConnectionError, $"Could not connect to {host}:{port}.", last);
    }

    private async Task EnsureHostAllowedAsync(string host, int port, string component)
    {
        var decision = policy.CheckHost(host);
        if (!decision.IsAllowed)
        {
            var literal = EgressHostNames.TryParseAddress(host, out var parsed) ? parsed : null;
            throw await BlockAsync(host, port, literal, component, decision.Reason).ConfigureAwait(false);
        }
    }

    private async Task<EgressBlockedException> BlockAsync(string host, int port, IPAddress? address, string component, string reason)
    {
        var blocked = new EgressBlockedException(host, port, address, component, reason);
        logger.Blocked(host, port, address?.ToString(), component, reason);
        RagMetrics.EgressRefusals.Add(1, new KeyValuePair<string, object?>("rag.egress.component", component));
        IAuditLog? audit;
        try
        {
            audit = services.GetService<IAuditLog>();
        }
        catch (Exception ex)
        {
            // An audit log that cannot even be built (a bad Rag:Storage or Rag:Audit setting, reported on its own at
            // start-up) must not turn the refusal into another error.
            logger.AuditFailed(ex, host, port);
            return blocked;
        }

        if (audit is null)
        {
            logger.AuditMissing(host, port);
            return blocked;
        }

        var auditEvent = new AuditEvent(AuditActions.EgressBlocked, AuditActor.FromId("system:" + component), [host], AuditOutcomes.Denied)
        {
            Detail = JsonSerializer.Serialize(new EgressBlockedDetail(host, port, address?.ToString(), component, reason)),
            CorrelationId = AuditCorrelation.Current,
        };
        try
        {
            // Not the request's token: a cancelled request still leaves its record.
            await audit.AppendAsync(auditEvent, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The refusal stands whether or not it could be recorded.
            logger.AuditFailed(ex, host, port);
        }

        return blocked;
    }
}
