namespace Rag.Bench.Web;

/// <summary>
/// The server's memory (the app runs in this process; the browser in its own) after a full collection: before any user
/// connected, with every user connected (signed in, circuit open, nothing asked), and after the questions.
/// </summary>
public sealed record WebMemory(
    long WorkingSetBeforeBytes,
    long GcHeapBeforeBytes,
    long WorkingSetConnectedBytes,
    long GcHeapConnectedBytes,
    long WorkingSetAfterBytes,
    long GcHeapAfterBytes,
    int Users)
{
    /// <summary>Working-set growth per connected user.</summary>
    public double WorkingSetPerUserBytes => (WorkingSetConnectedBytes - WorkingSetBeforeBytes) / (double)Math.Max(1, Users);

    /// <summary>Managed-heap growth per connected user (circuit, component state, sign-in).</summary>
    public double GcHeapPerUserBytes => (GcHeapConnectedBytes - GcHeapBeforeBytes) / (double)Math.Max(1, Users);
}
