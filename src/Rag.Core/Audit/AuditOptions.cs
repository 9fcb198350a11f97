using System.ComponentModel.DataAnnotations;

namespace Rag.Core.Audit;

/// <summary>Settings of the audit trail (configuration section <c>Rag:Audit</c>).</summary>
public sealed class AuditOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Rag:Audit";

    /// <summary>
    /// Store question and answer text (default). When false only their SHA-256 is stored, so a compliance officer can
    /// prove what was asked when shown the text, without the log holding it. Document and chunk ids are always stored.
    /// </summary>
    public bool StoreText { get; set; } = true;

    /// <summary>Write a signed checkpoint after this many records (default 1000).</summary>
    [Range(1, 10_000_000, ErrorMessage = "Rag:Audit:CheckpointEveryRecords must be between 1 and 10,000,000.")]
    public int CheckpointEveryRecords { get; set; } = 1000;

    /// <summary>Write a signed checkpoint when this much time has passed since the last one and records were added (default 5 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Rag:Audit:CheckpointInterval must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The checkpoint file (JSON lines, append-only: copy it to WORM storage). Default: <c>audit-checkpoints.jsonl</c> in the data directory.</summary>
    public string? CheckpointFile { get; set; }

    /// <summary>
    /// PEM file with the ECDSA P-256 private key that signs checkpoints, purge markers and exports. Keep it outside the
    /// data directory (a mounted secret). When neither this nor <see cref="SigningKey"/> is set, a key is generated
    /// at <c>audit-signing-key.pem</c> in the data directory, with a warning: fine for a trial, not for production.
    /// </summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>The private key as PEM text (e.g. from an environment variable or a secret store). Never logged.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// The trust anchor: the SHA-256 fingerprint (64 hex digits, as <c>rag audit verify</c> prints it) of the public key
    /// that signs this log, pinned at installation in configuration that the data directory's owner cannot change
    /// (a mounted config file, the service's environment). A signing key that does not match is refused, and
    /// verification with it fails. Unset, verification trusts whatever key it finds and says so.
    /// </summary>
    [RegularExpression("^(sha256:)?[0-9a-fA-F]{64}$", ErrorMessage = "Rag:Audit:TrustedKeyFingerprint must be the 64 hex digits of the audit public key's SHA-256 fingerprint (as `rag audit verify` prints it).")]
    public string? TrustedKeyFingerprint { get; set; }

    /// <summary><see cref="TrustedKeyFingerprint"/> as 64 lowercase hex digits, or null when none is pinned.</summary>
    public string? PinnedFingerprint => TrustedKeyFingerprint is { Length: > 0 } pin
        ? (pin.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? pin[7..] : pin).ToLowerInvariant()
        : null;

    /// <summary>Records older than this may be purged (default 400 days).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "36500.00:00:00", ErrorMessage = "Rag:Audit:RetentionPeriod must be between 1 day and 100 years.")]
    public TimeSpan RetentionPeriod { get; set; } = TimeSpan.FromDays(400);

    /// <summary>Legal hold: while true, nothing is purged.</summary>
    public bool LegalHold { get; set; }
}
