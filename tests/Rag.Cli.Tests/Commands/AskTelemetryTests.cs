using Rag.Cli.Tests.Fixtures;
using Rag.Testing;

namespace Rag.Cli.Tests.Commands;

/// <summary>
/// Tracing of <c>rag ask</c> and <c>rag ingest</c> to an OpenTelemetry collector (a real one on loopback, over OTLP
/// http/protobuf), switched on only by <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>. Activity sources are process-wide, so a
/// command's tracer would also see the spans of commands other tests run at the same time: these run alone.
/// </summary>
[Collection(TelemetryTestGroup.Name)]
public sealed class AskTelemetryTests : IAsyncLifetime
{
    private const string VpnGuide = "# VPN\n\n## Connecting\n\nStart the WireGuard client and choose the Berlin gateway to reach the intranet.\n";
    private static readonly TimeSpan ExportWait = TimeSpan.FromSeconds(10);
    private OtlpCollectorFake _collector = null!;

    public async Task InitializeAsync() => _collector = await OtlpCollectorFake.StartAsync();

    public async Task DisposeAsync() => await _collector.DisposeAsync();

    [Fact]
    public async Task Ask_OtlpEndpointSet_ExportsOneTraceWithAnswerRetrieveAndAuditSpans()
    {
        using var cli = await IngestedAsync(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Endpoint.ToString() });

        var ask = await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff");

        Assert.Equal(0, ask.ExitCode);
        Assert.True(await _collector.WaitForSpanAsync("answer", ExportWait), "no answer span arrived; paths: " + string.Join(", ", _collector.Paths));
        var answer = Assert.Single(_collector.Spans, s => s.Name == "answer");
        Assert.Equal("Rag.Answer", answer.Scope);
        var trace = _collector.Spans.Where(s => s.TraceId == answer.TraceId).ToList();
        var retrieve = Assert.Single(trace, s => s.Name == "retrieve");
        Assert.Equal("Rag.Retrieve", retrieve.Scope);
        Assert.Equal(answer.SpanId, retrieve.ParentSpanId);
        var audits = trace.Where(s => s.Name == "audit.append").ToList();
        Assert.NotEmpty(audits);
        Assert.All(audits, a => Assert.Equal(answer.SpanId, a.ParentSpanId));
        Assert.All(audits, a => Assert.Equal("Rag.Audit", a.Scope));
        Assert.Contains("/v1/traces", _collector.Paths);
    }

    [Fact]
    public async Task Ingest_OtlpEndpointSet_ExportsADocumentSpanWithParseChunkEmbedAndWriteSteps()
    {
        using var cli = await IngestedAsync(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Endpoint.ToString() });

        Assert.True(await _collector.WaitForSpanAsync("ingest.document", ExportWait), "no document span arrived");
        var document = Assert.Single(_collector.Spans, s => s.Name == "ingest.document");
        var steps = _collector.Spans.Where(s => s.ParentSpanId == document.SpanId).Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["ingest.chunk", "ingest.embed", "ingest.parse", "ingest.write"], steps);
    }

    [Fact]
    public async Task Ask_OtlpEndpointUnset_NothingExportedAndNoConnectionAttempted()
    {
        // Only OTEL_EXPORTER_OTLP_ENDPOINT switches export on: the per-signal variables naming the collector do not.
        // (That no exporter is even registered without it is pinned by Rag.Hosting.Tests' RagDefaultsTests.)
        using var cli = await IngestedAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = new Uri(_collector.Endpoint, "/v1/traces").ToString(),
            ["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] = new Uri(_collector.Endpoint, "/v1/metrics").ToString(),
        });

        var ask = await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff");

        Assert.Equal(0, ask.ExitCode);
        await Task.Delay(500);
        Assert.Equal(0, _collector.Connections);
        Assert.Equal(0, _collector.Requests);
    }

    private static async Task<CliHarness> IngestedAsync(Dictionary<string, string?> configuration)
    {
        var cli = new CliHarness(configuration: configuration);
        var docs = cli.Folder("it");
        await File.WriteAllTextAsync(Path.Combine(docs, "vpn.md"), VpnGuide);
        Assert.Equal(0, (await cli.RunAsync("ingest", docs, "--set", "it", "--groups", "staff")).ExitCode);
        return cli;
    }
}
