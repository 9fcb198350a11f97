using System.Diagnostics;
using Microsoft.Extensions.Options;
using Rag.Audit.Signing;
using Rag.Core.Audit;

namespace Rag.Audit.Verification;

/// <summary>
/// Verifies the configured audit store: recomputes the hash chain, checks the signed checkpoints (and the record MACs
/// when the private key is the one verified with), then the target index; through the store's ports, never a concrete store.
/// </summary>
public sealed class AuditTrailVerifier
{
    private readonly AuditKeyProvider _keys;
    private readonly IAuditVerificationSource _source;
    private readonly IAuditTargetIndexCheck _index;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;

    public AuditTrailVerifier(AuditKeyProvider keys, IAuditVerificationSource source, IAuditTargetIndexCheck index, IOptions<AuditOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = keys;
        _source = source;
        _index = index;
        _options = options.Value;
        _time = time;
    }

    /// <summary>Runs the checks; damage is reported, not thrown.</summary>
    /// <exception cref="FileNotFoundException">The checkpoint file given in the request does not exist.</exception>
    public async Task<AuditTrailVerification> VerifyAsync(AuditTrailVerificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var key = _keys.GetVerificationKey(request.PublicKeyFile);
        var trust = _keys.DescribeTrust(key, request.PublicKeyFile);
        var checkpointFile = request.CheckpointFile is { } path ? new AuditCheckpointFile(path) : _source.Checkpoints;
        if (request.CheckpointFile is not null && !File.Exists(checkpointFile.Path))
        {
            throw new FileNotFoundException($"The checkpoint file '{checkpointFile.Path}' does not exist.");
        }

        var lines = await checkpointFile.ReadLinesAsync(cancellationToken);
        var started = Stopwatch.StartNew();

        // Record MACs can be checked only with the private key, and only when it is the key being verified with.
        using var mac = _keys.HasPrivateKey && _keys.GetPrivateKeyForVerification() is { } signing && signing.Fingerprint == key.Fingerprint
            ? AuditRecordMac.FromKey(signing)
            : null;
        var policy = new AuditVerificationPolicy
        {
            RecordMac = mac,
            Now = _time.GetUtcNow(),
            CheckpointInterval = _options.CheckpointInterval,
            CheckpointEveryRecords = _options.CheckpointEveryRecords,
            Recorded = await _source.GetRecordedCheckpointAsync(cancellationToken),
            CheckpointFileIsCopy = request.CheckpointFile is not null,
            PinnedFingerprint = _options.PinnedFingerprint,
        };
        var report = await AuditVerifier.VerifyAsync(_source, lines, key, policy, request.FromSequence, cancellationToken);
        if (report.Intact && await _index.CheckTargetIndexAsync(cancellationToken) is { } indexDamage)
        {
            report = report with { Damage = [indexDamage] };
        }

        var elapsed = started.Elapsed;
        var refusals = await _source.GetRefusalsAsync(cancellationToken);
        return new AuditTrailVerification(report, trust, checkpointFile.Path, elapsed, refusals);
    }
}
