using System.Text;

namespace Rag.Processes.Tests.Integrity;

/// <summary>What <see cref="IndexIntegrity.Check"/> found in one rag.db: each list names the offending rows.</summary>
internal sealed record IndexIntegrityReport(
    IReadOnlyList<string> ChunksWithoutDocument,
    IReadOnlyList<string> DocumentsWithoutChunks,
    IReadOnlyList<string> VectorsWithoutChunk,
    IReadOnlyList<string> ChunksWithoutVector,
    IReadOnlyList<string> KeywordEntriesWithoutChunk,
    IReadOnlyList<string> ChunksWithoutKeywordEntry,
    IReadOnlyList<string> FtsRowsWithoutKeywordEntry,
    IReadOnlyList<string> DuplicateChunks,
    IReadOnlyList<string> DuplicateDocuments,
    IReadOnlyDictionary<string, int> ChunksPerDocument)
{
    /// <summary>True when no list holds anything.</summary>
    public bool IsClean => Problems().All(p => p.Rows.Count == 0);

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (name, rows) in Problems().Where(p => p.Rows.Count > 0))
        {
            text.Append(name).Append(": ").Append(rows.Count).Append(" (").Append(string.Join(", ", rows.Take(5))).AppendLine(")");
        }

        return text.Length == 0 ? "clean" : text.ToString();
    }

    private IEnumerable<(string Name, IReadOnlyList<string> Rows)> Problems() =>
    [
        (nameof(ChunksWithoutDocument), ChunksWithoutDocument),
        (nameof(DocumentsWithoutChunks), DocumentsWithoutChunks),
        (nameof(VectorsWithoutChunk), VectorsWithoutChunk),
        (nameof(ChunksWithoutVector), ChunksWithoutVector),
        (nameof(KeywordEntriesWithoutChunk), KeywordEntriesWithoutChunk),
        (nameof(ChunksWithoutKeywordEntry), ChunksWithoutKeywordEntry),
        (nameof(FtsRowsWithoutKeywordEntry), FtsRowsWithoutKeywordEntry),
        (nameof(DuplicateChunks), DuplicateChunks),
        (nameof(DuplicateDocuments), DuplicateDocuments),
    ];
}
