namespace Rag.Audit;

/// <summary>Why verification trusts the key it checked the signatures with.</summary>
public enum AuditKeyPinning
{
    /// <summary>Its fingerprint is the one pinned at installation (<c>Rag:Audit:TrustedKeyFingerprint</c>).</summary>
    Pinned,

    /// <summary>A fingerprint is pinned and this key does not have it: the key was replaced, verification fails.</summary>
    Mismatch,

    /// <summary>No pin, but the auditor named the public key (<c>--public-key</c>, e.g. their own copy): it is the trust anchor.</summary>
    GivenByAuditor,

    /// <summary>No pin and no key from outside: the key found beside the log was trusted, so whoever can replace both could forge both.</summary>
    Unpinned,
}
