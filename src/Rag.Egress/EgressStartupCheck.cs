using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Rag.Egress;

/// <summary>
/// Checks at start-up that an endpoint a host will connect to (the model server, the OTLP collector) is allowed by
/// the egress guard; a refusal is audited as <c>egress.blocked</c> like a refused connection.
/// </summary>
public static class EgressStartupCheck
{
    /// <summary>
    /// The guard's reason for refusing <paramref name="endpoint"/> for <paramref name="clientName"/>; null when allowed,
    /// when no guard is registered, or when <c>Rag:Egress</c> itself is invalid (its own validation reports that, once).
    /// </summary>
    public static string? Refusal(IServiceProvider services, Uri endpoint, string clientName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(endpoint);
        IEgressEndpointCheck? check;
        try
        {
            check = services.GetService<IEgressEndpointCheck>();
        }
        catch (OptionsValidationException)
        {
            return null;
        }

        if (check is null)
        {
            return null;
        }

        try
        {
            // Validation is synchronous; the check only writes the audit record (no network), on a thread without a context.
            check.EnsureAllowedAsync(endpoint, clientName).GetAwaiter().GetResult();
            return null;
        }
        catch (EgressBlockedException refused)
        {
            return refused.Reason;
        }
    }
}
