using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using Rag.Egress;
using Rag.Testing;

namespace Rag.Hosting.Tests;

/// <summary>
/// <see cref="RagDefaults.AddRagDefaults"/> on a real host builder. The precedence pinned here is the one the command
/// line and the web app had before they shared it: default paths &lt; RAG_CONFIG file &lt; the host's own sources
/// (appsettings, environment, command line), whatever order they were added in relative to the call.
/// </summary>
public sealed class RagDefaultsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AddRagDefaults_NoOtherSource_DataAndModelsDirectoriesAreThePaths()
    {
        var builder = Builder([]);

        builder.AddRagDefaults();

        Assert.Equal(_temp.Combine("data"), builder.Configuration["Rag:Storage:DataDirectory"]);
        Assert.Equal(_temp.Combine("models"), builder.Configuration["Rag:Embedding:ModelsDirectory"]);
    }

    [Fact]
    public void AddRagDefaults_RagConfigFile_OverridesTheDefaultPathsAndAddsItsKeys()
    {
        var file = ConfigFile("""{ "Rag": { "Storage": { "DataDirectory": "/from-file" }, "Retrieval": { "TopK": "3" } } }""");
        var builder = Builder(new() { ["RAG_CONFIG"] = file });

        builder.AddRagDefaults();

        Assert.Equal("/from-file", builder.Configuration["Rag:Storage:DataDirectory"]);
        Assert.Equal("3", builder.Configuration["Rag:Retrieval:TopK"]);
        Assert.Equal(_temp.Combine("models"), builder.Configuration["Rag:Embedding:ModelsDirectory"]);
    }

    [Fact]
    public void AddRagDefaults_HostSourceAndRagConfigFileSetTheSameKey_TheHostSourceWins()
    {
        var file = ConfigFile("""{ "Rag": { "Retrieval": { "TopK": "3" }, "Storage": { "DataDirectory": "/from-file" } } }""");
        var builder = Builder(new() { ["RAG_CONFIG"] = file, ["Rag:Retrieval:TopK"] = "5" });

        builder.AddRagDefaults();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Rag:Storage:DataDirectory"] = "/from-override" });

        Assert.Equal("5", builder.Configuration["Rag:Retrieval:TopK"]);
        Assert.Equal("/from-override", builder.Configuration["Rag:Storage:DataDirectory"]);
    }

    [Fact]
    public void AddRagDefaults_RagConfigNamesAMissingFile_FailsNamingTheFile()
    {
        var missing = _temp.Combine("nope.json");
        var builder = Builder(new() { ["RAG_CONFIG"] = missing });

        var error = Assert.Throws<FileNotFoundException>(() => builder.AddRagDefaults());

        Assert.Contains("nope.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRagDefaults_OtlpEndpointUnset_NoTracerOrExporterIsRegistered()
    {
        var builder = Builder(new() { ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = "http://127.0.0.1:4318/v1/traces" });

        builder.AddRagDefaults();
        using var host = builder.Build();

        Assert.Null(host.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task AddRagDefaults_OtlpEndpointNotAllowListed_ExporterHttpClientIsRefusedByTheEgressGuard()
    {
        var builder = Builder(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector.example.com:4318" });

        builder.AddRagDefaults();
        using var host = builder.Build();

        Assert.NotNull(host.Services.GetService<TracerProvider>());
        var options = host.Services.GetRequiredService<IOptionsMonitor<OtlpExporterOptions>>().Get(Options.DefaultName);
        Assert.Equal(OtlpExportProtocol.HttpProtobuf, options.Protocol);
        using var client = options.HttpClientFactory();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.PostAsync(new Uri("http://collector.example.com:4318/v1/traces"), new ByteArrayContent([])));
        Assert.IsType<EgressBlockedException>(error is EgressBlockedException ? error : error.InnerException);
    }

    [Fact]
    public async Task AddRagDefaults_Always_HealthChecksReportHealthy()
    {
        var builder = Builder([]);

        builder.AddRagDefaults();
        using var host = builder.Build();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Contains("self", report.Entries.Keys);
    }

    private HostApplicationBuilder Builder(Dictionary<string, string?> hostSource)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(hostSource);
        ((IHostApplicationBuilder)builder).Properties[typeof(RagPaths)] =
            new RagPaths(_temp.Path, _temp.Combine("data"), _temp.Combine("models"), null, _temp.Combine("models.json"));
        return builder;
    }

    private string ConfigFile(string json)
    {
        var path = _temp.Combine("rag.json");
        File.WriteAllText(path, json);
        return path;
    }
}
