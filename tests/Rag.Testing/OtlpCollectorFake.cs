using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Rag.Testing;

/// <summary>
/// A fake OpenTelemetry collector: real Kestrel on 127.0.0.1 accepting OTLP over HTTP (http/protobuf:
/// <c>POST /v1/traces</c>, <c>/v1/metrics</c>). Counts every TCP connection and request, and reads the span names,
/// ids and scopes out of each trace export with a bare protobuf field walk.
/// </summary>
public sealed class OtlpCollectorFake : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, OtlpSpan> _spans = new(StringComparer.Ordinal);
    private int _connections;
    private int _requests;

    private OtlpCollectorFake(WebApplication app) => _app = app;

    /// <summary>The collector's base address (what <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names), without a path.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>TCP connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>HTTP requests received so far, on any path.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Every span received, once each (an exporter may send a batch again after a slow answer).</summary>
    public IReadOnlyList<OtlpSpan> Spans => [.. _spans.Values];

    /// <summary>Paths of the requests received (<c>/v1/traces</c>, <c>/v1/metrics</c>).</summary>
    public ConcurrentQueue<string> Paths { get; } = new();

    /// <summary>Starts the collector on a free loopback port.</summary>
    public static async Task<OtlpCollectorFake> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        OtlpCollectorFake? collector = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => connection =>
        {
            Interlocked.Increment(ref collector!._connections);
            return next(connection);
        })));
        var app = builder.Build();
        collector = new OtlpCollectorFake(app);
        app.MapPost("/v1/{signal}", collector.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer s ? s.Features.Get<IServerAddressesFeature>()!.Addresses.First() : throw new InvalidOperationException("No server.");
        collector.Endpoint = new Uri(address.TrimEnd('/'));
        return collector;
    }

    /// <summary>Waits until a span named <paramref name="name"/> has arrived (exports are asynchronous), at most <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForSpanAsync(string name, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Spans.Any(s => s.Name == name))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, string signal)
    {
        Interlocked.Increment(ref _requests);
        Paths.Enqueue(context.Request.Path);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        if (signal == "traces")
        {
            foreach (var span in ReadTraces(body.ToArray()))
            {
                _spans.TryAdd(span.SpanId, span);
            }
        }

        // An empty Export*ServiceResponse: success.
        context.Response.ContentType = "application/x-protobuf";
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1 }
    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2 }
    // ScopeSpans { InstrumentationScope scope = 1 (name = 1); repeated Span spans = 2 }
    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5 }
    private static List<OtlpSpan> ReadTraces(byte[] request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var resourceSpans in Messages(request, 1))
        {
            foreach (var scopeSpans in Messages(resourceSpans, 2))
            {
                var scope = Messages(scopeSpans, 1).Select(s => Strings(s, 1).FirstOrDefault()).FirstOrDefault() ?? string.Empty;
                foreach (var span in Messages(scopeSpans, 2))
                {
                    spans.Add(new OtlpSpan(
                        scope,
                        Strings(span, 5).FirstOrDefault() ?? string.Empty,
                        Convert.ToHexStringLower(Messages(span, 1).FirstOrDefault() ?? []),
                        Convert.ToHexStringLower(Messages(span, 2).FirstOrDefault() ?? []),
                        Convert.ToHexStringLower(Messages(span, 4).FirstOrDefault() ?? [])));
                }
            }
        }

        return spans;
    }

    private static IEnumerable<string> Strings(byte[] message, int field) =>
        Messages(message, field).Select(b => System.Text.Encoding.UTF8.GetString(b));

    /// <summary>The length-delimited values of <paramref name="field"/> (sub-messages, strings, bytes); other fields skipped.</summary>
    private static List<byte[]> Messages(byte[] message, int field)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return found;
    }
}
