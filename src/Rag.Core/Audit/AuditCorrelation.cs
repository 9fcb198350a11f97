namespace Rag.Core.Audit;

/// <summary>
/// The correlation id of the request being served, carried across awaits (an <see cref="AsyncLocal{T}"/>), so code
/// that does not receive it as an argument (the egress guard refusing a connection during generation) can still
/// tie its audit record to the question.
/// </summary>
public static class AuditCorrelation
{
    private static readonly AsyncLocal<string?> CurrentId = new();

    /// <summary>The correlation id of the current asynchronous flow, or null outside any <see cref="Begin"/>.</summary>
    public static string? Current => CurrentId.Value;

    /// <summary>Makes <paramref name="correlationId"/> current until the returned scope is disposed (scopes nest; disposing restores the outer id).</summary>
    public static IDisposable Begin(string correlationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(correlationId);
        var scope = new Scope(CurrentId.Value);
        CurrentId.Value = correlationId;
        return scope;
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                CurrentId.Value = previous;
            }
        }
    }
}
