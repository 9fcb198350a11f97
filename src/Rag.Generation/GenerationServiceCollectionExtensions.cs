using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;
using Polly;
using Rag.Core.Diagnostics;
using Rag.Core.Embeddings;
using Rag.Egress;
using Rag.Onnx.Generation;

namespace Rag.Generation;

/// <summary>Registers the answer model chosen by configuration as <see cref="IChatClient"/>.</summary>
public static class GenerationServiceCollectionExtensions
{
    /// <summary>Name of the <see cref="HttpClient"/> that talks to the model server (and of the egress component in audit records).</summary>
    public const string HttpClientName = "generation";

    /// <summary>
    /// Adds validated <see cref="GenerationOptions"/> (section <c>Rag:Generation</c>) and, unless the provider is
    /// <see cref="GenerationProvider.None"/>, an <see cref="IChatClient"/> singleton: the OpenAI-compatible client over
    /// the named <see cref="HttpClient"/> <see cref="HttpClientName"/> (so the egress guard and the retry/timeout pipeline
    /// apply), or the in-process ONNX decoder (options <c>Rag:Generation:Onnx</c>).
    /// With no <see cref="IChatClient"/> registered, the question pipeline answers extractively.
    /// </summary>
    public static IServiceCollection AddRagGeneration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(GenerationOptions.SectionName);
        services.AddOptions<GenerationOptions>()
            .Bind(section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GenerationOptions>, GenerationOptionsValidator>();

        // The provider decides which services exist, so it is read here; a wrong value fails the same validation at start-up.
        var provider = section.GetValue<string>(nameof(GenerationOptions.Provider));
        if (Enum.TryParse<GenerationProvider>(provider, ignoreCase: true, out var chosen) && chosen == GenerationProvider.OpenAI)
        {
            AddOpenAi(services);
        }
        else if (chosen == GenerationProvider.Onnx)
        {
            services.AddOptions<OnnxChatClientOptions>()
                .Bind(section.GetSection("Onnx"))
                .PostConfigure(options =>
                {
                    // A bare name is a model installed under the models directory, like the embedding model.
                    if (!string.IsNullOrWhiteSpace(options.ModelPath) && !Path.IsPathRooted(options.ModelPath)
                        && configuration["Rag:Embedding:ModelsDirectory"] is { Length: > 0 } models)
                    {
                        options.ModelPath = Path.Combine(models, options.ModelPath);
                    }
                })
                .ValidateDataAnnotations()
                .ValidateOnStart();
            services.AddChatClient(sp =>
            {
                var options = sp.GetRequiredService<IOptions<OnnxChatClientOptions>>().Value;
                return new OnnxChatClient(options, sp.GetRequiredService<ILogger<OnnxChatClient>>());
            }).UseRagTelemetry();
        }

        return services;
    }

    private static void AddOpenAi(IServiceCollection services)
    {
        services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("generation", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<GenerationOptions>>().Value;
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        // A refusal by the egress guard is a decision, not a hiccup: retrying would only repeat it.
                        ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not EgressBlockedException && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                        MaxRetryAttempts = options.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromMilliseconds(500),
                    });
                }

                // Per attempt, until the response headers arrive; the streamed body is not cut off by it.
                pipeline.AddTimeout(options.Timeout);
            });
        services.AddChatClient(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GenerationOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            var client = new OpenAIClient(new ApiKeyCredential(ApiKey(options)), new OpenAIClientOptions
            {
                Endpoint = options.Endpoint,
                Transport = new HttpClientPipelineTransport(http),

                // Retries and timeouts belong to the resilience pipeline above; two layers would multiply them.
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = System.Threading.Timeout.InfiniteTimeSpan,
            });
            var inner = client.GetChatClient(options.Model).AsIChatClient();
            var metadata = new ChatClientMetadata("openai-compatible", options.Endpoint, options.Model);
            var version = string.IsNullOrWhiteSpace(options.ModelVersion) ? null : new ModelVersion(options.ModelVersion);
            return new ModelVersionChatClient(inner, metadata, version);
        }).UseRagTelemetry();
    }

    /// <summary>Logging and OpenTelemetry (source <see cref="RagTelemetryNames.Answer"/>; no message text) around the model.</summary>
    private static ChatClientBuilder UseRagTelemetry(this ChatClientBuilder builder) =>
        builder.UseLogging().UseOpenTelemetry(sourceName: RagTelemetryNames.Answer);

    private static string ApiKey(GenerationOptions options)
    {
        if (!string.IsNullOrEmpty(options.ApiKeyFile))
        {
            var key = File.ReadLines(options.ApiKeyFile).FirstOrDefault()?.Trim();
            if (string.IsNullOrEmpty(key))
            {
                throw new InvalidOperationException($"Rag:Generation:ApiKeyFile {options.ApiKeyFile} is empty.");
            }

            return key;
        }

        // Servers started without a key (vLLM, llama.cpp, Ollama by default) ignore the header; the client needs some value.
        return string.IsNullOrEmpty(options.ApiKey) ? "no-key" : options.ApiKey;
    }
}
