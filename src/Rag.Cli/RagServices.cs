using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rag.Core;
using Rag.Core.Documents;
using Rag.Evaluation;
using Rag.Generation;
using Rag.Ingest;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Storage;
using Rag.Audit;

namespace Rag.Cli;

/// <summary>The composition root of the command line: the shared host defaults and one AddXxx() per project.</summary>
internal static class RagServices
{
    /// <summary>
    /// Builds the container and validates every option up front, so a wrong setting fails before any work
    /// with a message naming the key. Configuration (<see cref="RagDefaults.AddRagDefaults"/>): built-in paths, then
    /// RAG_CONFIG (a JSON file, optional), then environment variables such as <c>Rag__Retrieval__Mode=Dense</c>, then
    /// <paramref name="overrides"/>.
    /// </summary>
    public static ServiceProvider Build(RagPaths paths, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = Common(paths, overrides);
        var configuration = builder.Configuration;
        builder.Services
            .AddRagCore(configuration)
            .AddRagOnnx(configuration)
            .AddRagIngest(configuration)
            .AddRagEvaluation()
            .AddRagGeneration(configuration);
        return Validated(builder);
    }

    /// <summary>
    /// What <c>models install</c> needs before any model exists: configuration, logging, the audit log and the
    /// egress guard (a download from a URL is a connection like any other, refused unless allow-listed).
    /// </summary>
    public static ServiceProvider BuildForInstall(RagPaths paths, IReadOnlyDictionary<string, string?>? overrides = null) =>
        Validated(Common(paths, overrides));

    /// <summary>
    /// What the catalog commands (<c>documents</c>, <c>sets</c>) need: the store, the audit log and
    /// <see cref="DocumentLifecycle"/>; no model (removing a document embeds nothing).
    /// </summary>
    public static ServiceProvider BuildForCatalog(RagPaths paths, IReadOnlyDictionary<string, string?>? overrides = null) =>
        Validated(Common(paths, overrides));

    private static HostApplicationBuilder Common(RagPaths paths, IReadOnlyDictionary<string, string?>? overrides)
    {
        // No host defaults of .NET's own (appsettings, user secrets, the command line as configuration): the command
        // line's arguments are commands, and the sources are exactly the ones documented above.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "rag" });
        builder.Configuration.AddEnvironmentVariables();
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        ((IHostApplicationBuilder)builder).Properties[typeof(RagPaths)] = paths;
        builder.AddRagDefaults();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // Standard output is the answer (and --json): every log entry goes to standard error.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services
            .AddRagStorage(builder.Configuration)
            .AddRagAudit(builder.Configuration)
            .AddSingleton<DocumentLifecycle>();
        return builder;
    }

    private static ServiceProvider Validated(HostApplicationBuilder builder)
    {
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        var host = builder.Build();
        var provider = (ServiceProvider)host.Services;
        try
        {
            provider.GetService<IStartupValidator>()?.Validate();
            provider.StartRagTelemetry();
        }
        catch
        {
            provider.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        return provider;
    }
}
