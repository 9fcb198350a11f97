using Rag.Core.Audit;

namespace Rag.Audit.Export;

/// <summary>What an export wrote.</summary>
/// <param name="OutputPath">The export file.</param>
/// <param name="ManifestPath">Its signed manifest.</param>
/// <param name="Manifest">The manifest's content.</param>
/// <param name="Record">The <c>audit.exported</c> record written before the export.</param>
public sealed record AuditExportResult(string OutputPath, string ManifestPath, AuditExportManifest Manifest, AuditRecord Record);
