using System.Diagnostics;
using Rag.Core.Diagnostics;

namespace Rag.Core.Answers;

/// <summary>
/// The <c>answer</c> span of one question and its duration. An async iterator does not keep <see cref="Activity.Current"/>
/// across its yields, so the spans started after the first piece of the answer name this one as their parent.
/// </summary>
internal sealed class QuestionTelemetry : IDisposable
{
    private readonly long _started = Stopwatch.GetTimestamp();

    private QuestionTelemetry(Activity? activity) => Activity = activity;

    /// <summary>The question's span, or null when nobody listens.</summary>
    public Activity? Activity { get; }

    /// <summary>Starts the <c>answer</c> span.</summary>
    public static QuestionTelemetry Start() => new(RagActivities.Answer.StartActivity("answer"));

    /// <summary>Starts the <c>generate</c> span (the model writing the answer) under the question's span.</summary>
    public Activity? StartGenerate() =>
        RagActivities.Answer.StartActivity("generate", ActivityKind.Internal, Activity?.Context ?? default);

    /// <summary>Makes the question's span current again after a yield, so the records written next nest under it.</summary>
    public void Resume()
    {
        if (Activity is not null)
        {
            Activity.Current = Activity;
        }
    }

    public void Dispose()
    {
        RagMetrics.QuestionDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds);
        Activity?.Dispose();
    }
}
