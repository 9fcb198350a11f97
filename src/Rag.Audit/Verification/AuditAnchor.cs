using Rag.Core.Audit;

namespace Rag.Audit.Verification;

/// <summary>Where a chain walk starts: after record <paramref name="AfterSequence"/>, whose hash is <paramref name="Hash"/>.</summary>
/// <param name="AfterSequence">0 for the start of the log.</param>
/// <param name="Hash">The hash the first record must link to.</param>
/// <param name="Description">For messages: "the start of the log", "purge marker", "checkpoint 12".</param>
public sealed record AuditAnchor(long AfterSequence, string Hash, string Description)
{
    /// <summary>The start of a log that was never purged.</summary>
    public static AuditAnchor Genesis { get; } = new(0, AuditChain.GenesisHash, "the start of the log");
}
