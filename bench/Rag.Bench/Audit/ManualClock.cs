namespace Rag.Bench.Audit;

/// <summary>A clock the benchmark sets by hand, so synthetic records spread over months although they are written in minutes.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>What <see cref="GetUtcNow"/> returns.</summary>
    public DateTimeOffset UtcNow { get; set; } = start;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => UtcNow;
}
