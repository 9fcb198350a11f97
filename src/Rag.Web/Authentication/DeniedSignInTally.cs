namespace Rag.Web.Authentication;

/// <summary>One client address's refused sign-ins in the current window: how many were recorded one by one, how many only counted.</summary>
internal sealed class DeniedSignInTally
{
    /// <summary>Most distinct claimed key ids a summary names; the count covers the rest.</summary>
    public const int MaxKeyIds = 16;

    public int Recorded { get; set; }

    public long Counted { get; set; }

    public SortedSet<string> KeyIds { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> Reasons { get; } = new(StringComparer.Ordinal);

    public void Count(string? keyId, string reason)
    {
        Counted++;
        if (keyId is not null && KeyIds.Count < MaxKeyIds)
        {
            KeyIds.Add(keyId);
        }

        Reasons[reason] = Reasons.GetValueOrDefault(reason) + 1;
    }
}
