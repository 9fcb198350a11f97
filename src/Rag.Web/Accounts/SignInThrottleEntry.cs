namespace Rag.Web.Accounts;

/// <summary>One client address's recent failed sign-ins, the attempts still being checked, and how long it is refused.</summary>
internal sealed class SignInThrottleEntry
{
    /// <summary>When each failure within the window happened, oldest first.</summary>
    public Queue<DateTimeOffset> Failures { get; } = new();

    /// <summary>Attempts admitted and not yet ended: they count against the allowance until they end.</summary>
    public int Pending { get; set; }

    public DateTimeOffset BlockedUntil { get; set; } = DateTimeOffset.MinValue;

    public void Prune(DateTimeOffset now, TimeSpan window)
    {
        while (Failures.TryPeek(out var oldest) && oldest + window <= now)
        {
            Failures.Dequeue();
        }
    }

    public bool IsIdle(DateTimeOffset now) => Failures.Count == 0 && Pending == 0 && BlockedUntil <= now;
}
