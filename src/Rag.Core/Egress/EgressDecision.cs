namespace Rag.Core.Egress;

/// <summary>The egress policy's answer for one host or address, with the reason an operator reads in the audit trail.</summary>
/// <param name="IsAllowed">True when the connection may proceed.</param>
/// <param name="Reason">Why, in words that name the setting to change (or why no setting can change it).</param>
public sealed record EgressDecision(bool IsAllowed, string Reason)
{
    /// <summary>An allowing decision.</summary>
    public static EgressDecision Allow(string reason) => new(true, reason);

    /// <summary>A refusing decision.</summary>
    public static EgressDecision Deny(string reason) => new(false, reason);
}
