using System.ComponentModel.DataAnnotations;

namespace Rag.Web.Workspaces.Documents;

/// <summary>
/// Limits the server enforces on uploads to a document set (configuration section <c>Rag:Web:Uploads</c>), whatever
/// the browser was told: every file is checked again as it streams in.
/// </summary>
internal sealed class UploadOptions
{
    public const string SectionName = "Rag:Web:Uploads";

    /// <summary>Largest file, in bytes. Default 50 MiB.</summary>
    [Range(1L, 4L * 1024 * 1024 * 1024, ErrorMessage = "Rag:Web:Uploads:MaxFileBytes must be between 1 and 4294967296 (4 GiB).")]
    public long MaxFileBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Largest upload (all its files together), in bytes. Default 500 MiB; at least <see cref="MaxFileBytes"/>.</summary>
    [Range(1L, 64L * 1024 * 1024 * 1024, ErrorMessage = "Rag:Web:Uploads:MaxTotalBytes must be between 1 and 68719476736 (64 GiB).")]
    public long MaxTotalBytes { get; set; } = 500L * 1024 * 1024;

    /// <summary>Most files in one upload; the ones past it are refused, each with the reason. Default 100.</summary>
    [Range(1, 10_000, ErrorMessage = "Rag:Web:Uploads:MaxFilesPerUpload must be between 1 and 10000.")]
    public int MaxFilesPerUpload { get; set; } = 100;

    /// <summary>
    /// Extensions accepted (".pdf", ".docx" ...), each one a reader supports. Empty (the default): every extension the
    /// ingestion readers support.
    /// </summary>
    public List<string> AllowedExtensions { get; set; } = [];
}
