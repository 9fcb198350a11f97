using System.ComponentModel.DataAnnotations;

namespace Rag.Core.Ingestion;

/// <summary>
/// How ingestion workers use the job queue (configuration section <c>Rag:Ingestion:Worker</c>). Read by the worker loop
/// and by the job store (which parks a job as failed once <see cref="MaxAttempts"/> have been used).
/// </summary>
public sealed class IngestWorkerOptions : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Rag:Ingestion:Worker";

    /// <summary>How long a claimed job is held without a heartbeat before another worker may take it. Default 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Rag:Ingestion:Worker:LeaseDuration must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a worker renews its lease and reports progress (at most). Default 5 s; must be under a third of the lease.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Rag:Ingestion:Worker:HeartbeatInterval must be between 00:00:00.010 and 01:00:00.")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts a job gets (claims, including ones whose worker died) before it is parked as failed. Default 3.</summary>
    [Range(1, 100, ErrorMessage = "Rag:Ingestion:Worker:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before the first retry of a transient failure; doubled for every further attempt. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Rag:Ingestion:Worker:RetryBackoff must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>On shutdown, how long the current batch may take to finish before its jobs are released to the queue. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Rag:Ingestion:Worker:ShutdownGrace must be between 00:00:00 and 01:00:00.")]
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an idle worker looks for new jobs. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Rag:Ingestion:Worker:PollInterval must be between 00:00:00.010 and 00:10:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait before retrying after failed attempt number <paramref name="attempt"/> (1-based): the backoff doubled per attempt, at most an hour.</summary>
    public TimeSpan BackoffAfter(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 20));
        return TimeSpan.FromTicks((long)Math.Min(RetryBackoff.Ticks * factor, TimeSpan.FromHours(1).Ticks));
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HeartbeatInterval * 3 > LeaseDuration)
        {
            yield return new ValidationResult(
                $"Rag:Ingestion:Worker:HeartbeatInterval ({HeartbeatInterval}) must be at most a third of Rag:Ingestion:Worker:LeaseDuration ({LeaseDuration}), so a live worker renews its lease before it expires.",
                [nameof(HeartbeatInterval), nameof(LeaseDuration)]);
        }
    }
}
