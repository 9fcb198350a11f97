using Rag.Core.Documents;

namespace Rag.Ingest.Readers;

/// <summary>Extracts structured text from one file format.</summary>
public interface IDocumentReader
{
    /// <summary>Media type produced by this reader, e.g. application/pdf.</summary>
    string MediaType { get; }

    /// <summary>File extensions handled, lower-case with the dot (".pdf").</summary>
    IReadOnlyCollection<string> Extensions { get; }

    /// <summary>
    /// Reads <paramref name="content"/>. Throws <see cref="DocumentReadException"/> with a reason a person
    /// can act on when the file cannot be read (encrypted, malformed, no text, ...).
    /// </summary>
    Task<ParsedDocument> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken = default);
}
