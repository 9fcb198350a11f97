namespace Rag.Core.Access;

/// <summary>
/// Who is asking: a user id and the groups the caller belongs to at this moment.
/// Every search carries one; a scope with no groups can read nothing.
/// </summary>
public sealed record AccessScope
{
    /// <summary>
    /// Creates a scope for <paramref name="userId"/> in <paramref name="groups"/>, normalised and compared by the
    /// <see cref="NameKey"/> rule (only ASCII letters ignore case). Blank entries are dropped.
    /// </summary>
    /// <exception cref="ArgumentException">A group name breaks the <see cref="NameKey"/> rule.</exception>
    public AccessScope(string userId, IEnumerable<string> groups)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(groups);
        UserId = userId;
        Groups = new HashSet<string>(
            groups.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => NameKey.Normalize(g, "group")),
            NameKey.Comparer);
    }

    /// <summary>A caller with no identity: sees nothing.</summary>
    public static AccessScope Anonymous { get; } = new(string.Empty, []);

    /// <summary>The caller's user id (empty when anonymous).</summary>
    public string UserId { get; }

    /// <summary>The caller's groups (normalised; the set compares by <see cref="NameKey.Comparer"/>).</summary>
    public IReadOnlySet<string> Groups { get; }

    /// <summary>True when the caller has no identity or no groups, and so can read nothing.</summary>
    public bool IsEmpty => UserId.Length == 0 || Groups.Count == 0;

    /// <summary>True when the caller shares at least one group with <paramref name="allowedGroups"/>.</summary>
    public bool CanRead(IEnumerable<string> allowedGroups)
    {
        ArgumentNullException.ThrowIfNull(allowedGroups);
        return !IsEmpty && allowedGroups.Any(Groups.Contains);
    }
}
