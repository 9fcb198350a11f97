using Microsoft.Extensions.Http;

namespace Rag.Egress;

/// <summary>
/// Runs after every client's own configuration: a client that replaced the guarded primary handler (a
/// <c>ConfigurePrimaryHttpMessageHandler</c> of its own) fails to build instead of connecting unguarded.
/// </summary>
internal sealed class EgressHandlerBuilderFilter : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return builder =>
        {
            next(builder);
            if (builder.PrimaryHandler is EgressGuardHandler { TakesClientName: true } guarded && !string.IsNullOrEmpty(builder.Name))
            {
                guarded.Component = builder.Name;
            }
            else if (builder.PrimaryHandler is not EgressGuardHandler)
            {
                throw new InvalidOperationException(
                    $"HttpClient '{builder.Name}' replaces the egress guard's primary handler with {builder.PrimaryHandler?.GetType().Name ?? "null"}. " +
                    "Take a handler from IEgressHandlerFactory (or configure the guarded one) instead.");
            }
        };
    }
}
