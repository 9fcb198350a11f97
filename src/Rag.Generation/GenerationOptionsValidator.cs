using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rag.Egress;

namespace Rag.Generation;

/// <summary>
/// Checks the combinations DataAnnotations cannot: what each provider needs, where the API key comes from, and
/// (when the egress guard is registered) that the model server is a host the guard lets through — a server the
/// guard would refuse at the first question fails at start-up instead, recorded as <c>egress.blocked</c>.
/// </summary>
internal sealed class GenerationOptionsValidator(IServiceProvider services) : IValidateOptions<GenerationOptions>
{
    public ValidateOptionsResult Validate(string? name, GenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add("Rag:Generation:Provider must be None, OpenAI or Onnx.");
        }

        if (options.Provider == GenerationProvider.OpenAI)
        {
            if (options.Endpoint is not { IsAbsoluteUri: true } endpoint || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add("Rag:Generation:Endpoint must be the model server's absolute http(s) address, e.g. http://vllm:8000/v1, when Rag:Generation:Provider is OpenAI.");
            }
            else if (!string.IsNullOrEmpty(endpoint.UserInfo) || !string.IsNullOrEmpty(endpoint.Query))
            {
                failures.Add("Rag:Generation:Endpoint must not carry credentials or a query string; put the key in Rag:Generation:ApiKeyFile.");
            }
            else if (EgressRefusal(endpoint) is { } refused)
            {
                failures.Add($"Rag:Generation:Endpoint {endpoint.Host} is refused by the egress guard: {refused}.");
            }

            if (string.IsNullOrWhiteSpace(options.Model))
            {
                failures.Add("Rag:Generation:Model is required when Rag:Generation:Provider is OpenAI: the model name the server serves.");
            }
        }

        if (!string.IsNullOrEmpty(options.ApiKey) && !string.IsNullOrEmpty(options.ApiKeyFile))
        {
            failures.Add("Set Rag:Generation:ApiKey or Rag:Generation:ApiKeyFile, not both.");
        }

        if (!string.IsNullOrEmpty(options.ApiKeyFile) && !File.Exists(options.ApiKeyFile))
        {
            failures.Add($"Rag:Generation:ApiKeyFile names a file that does not exist: {options.ApiKeyFile}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// The guard's reason for refusing the model server, recorded as <c>egress.blocked</c> like a refused connection
    /// (start-up is the first attempt to use it); null when allowed or when no guard is registered.
    /// </summary>
    private string? EgressRefusal(Uri endpoint) => EgressStartupCheck.Refusal(services, endpoint, GenerationServiceCollectionExtensions.HttpClientName);
}
