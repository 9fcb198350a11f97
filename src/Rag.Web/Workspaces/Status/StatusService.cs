using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Core.Embeddings;
using Rag.Core.Ingestion;
using Rag.Core.Storage;
using Rag.Generation;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Storage;
using Rag.Web.Authentication;

namespace Rag.Web.Workspaces.Status;

/// <summary>
/// Takes the Status workspace's snapshot: models and execution provider, store sizes, index counts, queue depth and
/// ingestion rate, live workers, and blocked egress attempts per bucket. Only an Admin may take it: the check is here,
/// on the server, whatever the page shows. Counting the egress.blocked records reads the audit log, so each snapshot
/// records one <c>audit.read</c> (before the counts are returned; an unwritable audit trail refuses the snapshot).
/// </summary>
public sealed class StatusService(
    IOptions<StorageOptions> storage,
    IOptions<GenerationOptions> generation,
    IOptions<StatusOptions> options,
    IDocumentCatalog catalog,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    EmbeddingModelInfo embedderModel,
    IIngestJobStore jobs,
    IAuditLog audit,
    TimeProvider time)
{
    /// <summary>Largest count of one kind of job the snapshot reads (more is shown as "at least").</summary>
    public const int CountLimit = 10_000;

    /// <summary>The snapshot, for <paramref name="user"/> who must hold the Admin role; anyone else gets <see cref="UnauthorizedAccessException"/>.</summary>
    public async Task<StatusSnapshot> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(RagRoles.Admin))
        {
            throw new UnauthorizedAccessException("The status workspace is for the Admin role only.");
        }

        var now = time.GetUtcNow();
        var settings = options.Value;
        var egress = await CountEgressAsync(RagClaims.Actor(user), now, settings, cancellationToken);
        var bound = await catalog.GetModelAsync(cancellationToken);
        var models = new ModelStatus(
            bound?.ModelId,
            bound?.Dimensions,
            embedderModel.ModelId,
            embedderModel.Dimensions,
            embedder.GetService<ModelVersion>()?.Value,
            ProviderName(embedder.GetService<OnnxEmbeddingGenerator>()?.ExecutionProviderInUse),
            Describe(generation.Value));
        return new StatusSnapshot(
            now,
            models,
            DataDirectorySizes.Measure(storage.Value.DataDirectory),
            await catalog.GetStatisticsAsync(cancellationToken),
            await QueueAsync(now, settings.RateWindow, cancellationToken),
            await jobs.LiveWorkersAsync(settings.LiveWorkerWithin, cancellationToken),
            egress);
    }

    private async Task<QueueStatus> QueueAsync(DateTimeOffset now, TimeSpan rateWindow, CancellationToken cancellationToken)
    {
        var queued = await CountAsync([IngestJobState.Queued], cancellationToken);
        var running = await CountAsync([IngestJobState.Parsing, IngestJobState.Embedding], cancellationToken);
        var failed = await CountAsync([IngestJobState.Failed], cancellationToken);
        var indexed = await jobs.ListAsync(new IngestJobQuery(States: [IngestJobState.Indexed], Limit: CountLimit), cancellationToken);
        var since = now - rateWindow;
        var recent = indexed.Count(j => j.UpdatedAt >= since);
        return new QueueStatus(queued, running, failed, recent, rateWindow, Math.Max(Math.Max(queued, running), Math.Max(failed, indexed.Count)) >= CountLimit);
    }

    private async Task<int> CountAsync(IReadOnlyList<IngestJobState> states, CancellationToken cancellationToken) =>
        (await jobs.ListAsync(new IngestJobQuery(States: states, Limit: CountLimit), cancellationToken)).Count;

    private async Task<IReadOnlyList<EgressBucket>> CountEgressAsync(AuditActor actor, DateTimeOffset now, StatusOptions settings, CancellationToken cancellationToken)
    {
        var bucket = settings.EgressBucket;
        var count = (int)Math.Max(1, settings.EgressWindow.Ticks / bucket.Ticks);

        // Buckets end at the next bucket boundary after now, so the bars stay put between refreshes.
        var end = new DateTimeOffset((now.UtcTicks / bucket.Ticks + 1) * bucket.Ticks, TimeSpan.Zero);
        var start = end - (bucket * count);
        var query = new AuditQuery { Action = AuditActions.EgressBlocked, From = start, To = end, PageSize = AuditQuery.MaxPageSize };
        await audit.AppendAsync(
            new AuditEvent(AuditActions.AuditRead, actor, [AuditActions.EgressBlocked], AuditOutcomes.Ok)
            {
                Detail = JsonSerializer.Serialize(new { workspace = "status", counts = AuditActions.EgressBlocked, from = start, to = end }),
            },
            cancellationToken);

        var counts = new int[count];
        for (var page = await audit.QueryAsync(query, cancellationToken); ; page = await audit.QueryAsync(query with { Before = page.NextBefore }, cancellationToken))
        {
            foreach (var record in page.Records)
            {
                var index = (int)((record.Time - start).Ticks / bucket.Ticks);
                if (index >= 0 && index < count)
                {
                    counts[index]++;
                }
            }

            if (page.NextBefore is null)
            {
                break;
            }
        }

        return [.. counts.Select((blocked, i) => new EgressBucket(start + (bucket * i), start + (bucket * (i + 1)), blocked))];
    }

    private static string ProviderName(ExecutionProvider? provider) => provider switch
    {
        ExecutionProvider.Cuda => "CUDA",
        ExecutionProvider.DirectML => "DirectML",
        ExecutionProvider.Cpu => "CPU",
        null => "not ONNX Runtime",
        _ => provider.ToString()!,
    };

    private static string Describe(GenerationOptions generation) => generation.Provider switch
    {
        GenerationProvider.None => "extractive (no generator: answers quote the retrieved passages)",
        GenerationProvider.OpenAI => $"OpenAI-compatible server: {generation.Model} at {generation.Endpoint?.GetLeftPart(UriPartial.Authority)}",
        GenerationProvider.Onnx => $"ONNX in-process: {generation.Model}",
        _ => generation.Provider.ToString(),
    };
}
