using Rag.Core.Audit;

namespace Rag.Audit.Verification;

/// <summary>What to verify the audit trail against.</summary>
/// <param name="FromSequence">Start at the last signed checkpoint before this record instead of the start of the log.</param>
/// <param name="CheckpointFile">A checkpoint file to check against (e.g. the WORM copy); null for the store's own.</param>
/// <param name="PublicKeyFile">A PEM public key to verify signatures with; null for the configured signing key.</param>
public sealed record AuditTrailVerificationRequest(long? FromSequence = null, string? CheckpointFile = null, string? PublicKeyFile = null);
