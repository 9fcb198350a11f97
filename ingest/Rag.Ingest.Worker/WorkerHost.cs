using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Rag.Audit;
using Rag.Core;
using Rag.Hosting;
using Rag.Ingest.Worker.Hosting;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Storage;

namespace Rag.Ingest.Worker;

/// <summary>The composition root: the shared host defaults and one AddXxx() per project.</summary>
internal static class WorkerHost
{
    /// <summary>
    /// Builds the worker host. Configuration as every host's (<see cref="RagDefaults.AddRagDefaults"/>): built-in paths,
    /// RAG_CONFIG, environment variables such as <c>Rag__Embedding__ExecutionProvider=Cuda</c>, then the command line.
    /// </summary>
    public static IHost Create(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ApplicationName = "rag-worker" });
        builder.AddRagDefaults();
        var configuration = builder.Configuration;
        builder.Services
            .AddRagCore(configuration)
            .AddRagOnnx(configuration)
            .AddRagStorage(configuration)
            .AddRagAudit(configuration)
            .AddRagIngest(configuration)
            .AddRagWorkerHost(configuration);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder.Build();
    }

    /// <summary>The message for an expected start-up failure; null for bugs, which keep their stack trace.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException o => "invalid configuration: " + string.Join("; ", o.Failures),
        AggregateException a when a.InnerExceptions.Count > 0 && a.InnerExceptions.All(e => e is OptionsValidationException) =>
            "invalid configuration: " + string.Join("; ", a.InnerExceptions.Cast<OptionsValidationException>().SelectMany(o => o.Failures).Distinct(StringComparer.Ordinal)),
        InvalidOperationException when exception.Message.StartsWith(EmbeddingOptions.SectionName + ":" + nameof(EmbeddingOptions.ExecutionProvider), StringComparison.Ordinal) => exception.Message,
        _ => null,
    };
}
