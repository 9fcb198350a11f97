using System.Diagnostics;
using Rag.Core.Diagnostics;

namespace Rag.Ingest.Pipeline;

/// <summary>
/// The <c>ingest.document</c> span of one file and its steps (<c>ingest.parse</c>, <c>ingest.chunk</c>, <c>ingest.embed</c>,
/// <c>ingest.write</c>). The stages run on their own tasks, so the steps name the document's span as their parent
/// instead of relying on <see cref="Activity.Current"/>, and starting it leaves the reading stage's current span as it was.
/// </summary>
internal sealed class DocumentTelemetry
{
    private readonly Activity? _document;
    private readonly long _started = Stopwatch.GetTimestamp();

    private DocumentTelemetry(Activity? document) => _document = document;

    /// <summary>Starts the span of the document <paramref name="documentId"/> in set <paramref name="setName"/>.</summary>
    public static DocumentTelemetry Start(string documentId, string setName)
    {
        var previous = Activity.Current;
        var document = RagActivities.Ingest.StartActivity("ingest.document", ActivityKind.Internal, previous?.Context ?? default);
        document?.SetTag("rag.document.id", documentId);
        document?.SetTag("rag.document.set", setName);
        Activity.Current = previous;
        return new DocumentTelemetry(document);
    }

    /// <summary>Starts one step of the document; dispose it when the step ends.</summary>
    public Activity? Step(string name) => RagActivities.Ingest.StartActivity(name, ActivityKind.Internal, _document?.Context ?? default);

    /// <summary>Ends the document's span with <paramref name="outcome"/> (<c>indexed</c>, <c>unchanged</c>, <c>failed</c>) and records its duration.</summary>
    public void Complete(string outcome)
    {
        var tag = new KeyValuePair<string, object?>("rag.outcome", outcome);
        RagMetrics.IngestDocumentDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tag);
        if (_document is not null)
        {
            _document.SetTag(tag.Key, tag.Value);
            if (outcome == "failed")
            {
                _document.SetStatus(ActivityStatusCode.Error);
            }

            _document.Stop();
        }
    }
}
