namespace Rag.Audit.Export;

/// <summary>What <see cref="AuditExportVerifier"/> found.</summary>
/// <param name="Rows">Data rows read from the file.</param>
/// <param name="Manifest">The manifest as read (null when it could not be read).</param>
/// <param name="Problems">What is wrong: the manifest's signature or key, then the rows in order, then the file as a whole; at most <see cref="AuditExportVerifier.MaxProblems"/> (then a last one that counts the rest).</param>
public sealed record AuditExportVerification(long Rows, AuditExportManifest? Manifest, IReadOnlyList<AuditExportProblem> Problems)
{
    /// <summary>True when the file is exactly what was signed.</summary>
    public bool Intact => Problems.Count == 0;

    /// <summary>The first row named by a problem, or null.</summary>
    public AuditExportProblem? FirstBadRow => Problems.FirstOrDefault(p => p.Row is not null);
}
