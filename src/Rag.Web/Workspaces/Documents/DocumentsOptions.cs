using System.ComponentModel.DataAnnotations;

namespace Rag.Web.Workspaces.Documents;

/// <summary>Settings of the Documents workspace (configuration section <c>Rag:Web:Documents</c>).</summary>
internal sealed class DocumentsOptions
{
    public const string SectionName = "Rag:Web:Documents";

    /// <summary>How often an open Documents page reads its documents' states again (one catalog and one queue query). Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Rag:Web:Documents:RefreshInterval must be between 00:00:00.100 and 00:10:00.")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);
}
