using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rag.Core;
using Rag.Egress;
using Rag.Evaluation;
using Rag.Generation;
using Rag.Ingest;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Storage;
using Rag.Audit;

namespace Rag.Cli;

/// <summary>The composition root of the command line: configuration, logging and one AddXxx() per project.</summary>
internal static class RagServices
{
    /// <summary>
    /// Builds the container and validates every option up front, so a wrong setting fails before any work
    /// with a message naming the key. Configuration: built-in paths, then RAG_CONFIG (a JSON file, optional),
    /// then environment variables such as <c>Rag__Retrieval__Mode=Dense</c>.
    /// </summary>
    public static ServiceProvider Build(RagPaths paths, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var configuration = Configuration(paths, overrides);
        var services = Common(configuration)
            .AddRagCore(configuration)
            .AddRagOnnx(configuration)
            .AddRagIngest(configuration)
            .AddRagEvaluation()
            .AddRagGeneration(configuration);
        return Validated(services);
    }

    /// <summary>
    /// What <c>models install</c> needs before any model exists: configuration, logging, the audit log and the
    /// egress guard (a download from a URL is a connection like any other, refused unless allow-listed).
    /// </summary>
    public static ServiceProvider BuildForInstall(RagPaths paths, IReadOnlyDictionary<string, string?>? overrides = null) =>
        Validated(Common(Configuration(paths, overrides)));

    private static IConfigurationRoot Configuration(RagPaths paths, IReadOnlyDictionary<string, string?>? overrides)
    {
        var builder = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Rag:Storage:DataDirectory"] = paths.DataDirectory,
                ["Rag:Embedding:ModelsDirectory"] = paths.ModelsDirectory,
            });
        if (Environment.GetEnvironmentVariable("RAG_CONFIG") is { Length: > 0 } file)
        {
            builder.AddJsonFile(Path.GetFullPath(file), optional: false);
        }

        builder.AddEnvironmentVariables();
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder.Build();
    }

    private static ServiceCollection Common(IConfigurationRoot configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .SetMinimumLevel(LogLevel.Warning)
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        services
            .AddRagStorage(configuration)
            .AddRagAudit(configuration)
            .AddRagEgress(configuration);
        return services;
    }

    private static ServiceProvider Validated(IServiceCollection services)
    {
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            provider.GetService<IStartupValidator>()?.Validate();
        }
        catch
        {
            provider.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        return provider;
    }
}
