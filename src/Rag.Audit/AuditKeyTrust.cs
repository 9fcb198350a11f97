namespace Rag.Audit;

/// <summary>The trust anchor of a verification: which public key it trusted, from where, and whether it is the pinned one.</summary>
/// <param name="Fingerprint">SHA-256 of the public key (64 hex digits).</param>
/// <param name="KeyId">Its first 16 hex digits, as signed files name the key.</param>
/// <param name="Source">Where the key came from (a file path or a configuration key; never the key).</param>
/// <param name="Pinning">Whether it is the pinned key.</param>
public sealed record AuditKeyTrust(string Fingerprint, string KeyId, string Source, AuditKeyPinning Pinning)
{
    /// <summary>One sentence for a person.</summary>
    public string Describe() => Pinning switch
    {
        AuditKeyPinning.Pinned => $"trusted key {Fingerprint} from {Source}: pinned by Rag:Audit:TrustedKeyFingerprint.",
        AuditKeyPinning.Mismatch => $"key {Fingerprint} from {Source} is NOT the key pinned by Rag:Audit:TrustedKeyFingerprint: it was replaced.",
        AuditKeyPinning.GivenByAuditor => $"trusted key {Fingerprint} from {Source} (given with --public-key; no fingerprint is pinned).",
        _ => $"trusted key {Fingerprint} from {Source} is NOT PINNED: it was found beside the log, so whoever can rewrite the log and replace this key could make a forgery verify. Pin it at installation (Rag:Audit:TrustedKeyFingerprint={Fingerprint}, in configuration outside the data directory) or verify with --public-key from the auditors' copy.",
    };
}
