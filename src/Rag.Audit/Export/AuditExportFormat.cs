namespace Rag.Audit.Export;

/// <summary>The file format of an audit export.</summary>
public enum AuditExportFormat
{
    /// <summary>RFC 4180 CSV with a header row (UTF-8 with BOM, CRLF), cells protected against formula injection.</summary>
    Csv,

    /// <summary>JSON Lines: one record object per line (UTF-8, LF).</summary>
    Json,
}
