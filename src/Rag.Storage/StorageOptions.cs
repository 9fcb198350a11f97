using System.ComponentModel.DataAnnotations;
using Rag.Core.Storage;

namespace Rag.Storage;

/// <summary>Settings of the embedded store (configuration section <c>Rag:Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Rag:Storage";

    /// <summary>
    /// Folder holding <c>rag.db</c> (documents, chunks, vectors) and <c>audit.db</c> (the audit trail); created when
    /// missing. Relative paths resolve against the working directory. Required.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Rag:Storage:DataDirectory is required: the folder that holds rag.db and audit.db.")]
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>
    /// How long conversation history (<c>conversations.db</c>: question and answer text, per user) is kept; older
    /// turns are deleted whenever a turn is added. Default 30 days. The audit trail is governed separately.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00", ErrorMessage = "Rag:Storage:ConversationRetention must be between 00:01:00 and 3650.00:00:00.")]
    public TimeSpan ConversationRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How often the store asks SQLite whether another process (the ingestion worker, the CLI) committed to
    /// <c>rag.db</c>, and if so applies the change log to its in-memory vectors, so that searches see added chunks and
    /// stop seeing removed ones without a restart. The check is one <c>PRAGMA data_version</c>. Default 250 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "Rag:Storage:ChangePollInterval must be between 00:00:00.010 and 00:01:00.")]
    public TimeSpan ChangePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How the keyword index analyzes text: <c>Simple</c> (default; case and diacritics folded only, as every earlier
    /// build) or <c>English</c> (Porter stemming and English stop words dropped from queries; SciFact BM25 nDCG@10
    /// 0.630 → 0.673, bench/README.md). Changing it rebuilds the keyword index from the stored chunk texts at the next
    /// start (no re-embedding).
    /// </summary>
    [EnumDataType(typeof(KeywordAnalyzer), ErrorMessage = "Rag:Storage:KeywordAnalyzer must be English or Simple.")]
    public KeywordAnalyzer KeywordAnalyzer { get; set; } = KeywordAnalyzer.Simple;

    /// <summary>Default of <see cref="KeywordHeadingsWeight"/>.</summary>
    public const double DefaultKeywordHeadingsWeight = 0.75;

    /// <summary>Default of <see cref="KeywordTitleWeight"/>.</summary>
    public const double DefaultKeywordTitleWeight = 0.5;

    /// <summary>
    /// BM25 weight of a chunk's heading path against its own text (weight 1). Read at query time: changing it needs no
    /// re-indexing. Measured in bench/README.md ("Title and heading weights").
    /// </summary>
    [Range(0.0, 10.0, ErrorMessage = "Rag:Storage:KeywordHeadingsWeight must be between 0 and 10.")]
    public double KeywordHeadingsWeight { get; set; } = DefaultKeywordHeadingsWeight;

    /// <summary>BM25 weight of the document title against the chunk's own text (weight 1). Read at query time.</summary>
    [Range(0.0, 10.0, ErrorMessage = "Rag:Storage:KeywordTitleWeight must be between 0 and 10.")]
    public double KeywordTitleWeight { get; set; } = DefaultKeywordTitleWeight;
}
