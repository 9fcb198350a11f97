namespace Rag.Storage.Tests;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class AdjustableTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
