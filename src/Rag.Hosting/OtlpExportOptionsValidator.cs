using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rag.Egress;

namespace Rag.Hosting;

/// <summary>
/// The collector is an egress endpoint like the model server: judged by the egress guard at start-up, so a collector
/// the guard would refuse at the first export fails the host at once with the key named, and is recorded as
/// <c>egress.blocked</c> (actor <c>system:otlp</c>) instead of failing silently on a background thread.
/// </summary>
internal sealed class OtlpExportOptionsValidator(IServiceProvider services) : IValidateOptions<OtlpExportOptions>
{
    public ValidateOptionsResult Validate(string? name, OtlpExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            return ValidateOptionsResult.Success;
        }

        if (!Uri.TryCreate(options.Endpoint.Trim(), UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            return ValidateOptionsResult.Fail($"{RagOpenTelemetry.EndpointKey} must be the collector's absolute http(s) address, e.g. http://127.0.0.1:4318.");
        }

        if (!string.IsNullOrEmpty(endpoint.UserInfo))
        {
            return ValidateOptionsResult.Fail($"{RagOpenTelemetry.EndpointKey} must not carry credentials.");
        }

        return EgressRefusal(endpoint) is { } refused
            ? ValidateOptionsResult.Fail($"{RagOpenTelemetry.EndpointKey} {endpoint.Host} is refused by the egress guard: {refused}.")
            : ValidateOptionsResult.Success;
    }

    private string? EgressRefusal(Uri endpoint) => EgressStartupCheck.Refusal(services, endpoint, RagOpenTelemetry.HttpClientName);
}
