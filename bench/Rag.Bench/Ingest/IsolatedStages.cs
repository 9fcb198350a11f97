using Microsoft.Extensions.AI;
using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Ids;
using Rag.Ingest.Pipeline;
using Rag.Ingest.Readers;

namespace Rag.Bench.Ingest;

/// <summary>
/// The pipeline's stages run one at a time over the whole corpus, each on the previous stage's output held in memory,
/// doing what the pipeline does in that stage (same services, same options, same batch size).
/// </summary>
internal sealed class IsolatedStages(IngestServices services, string setName, string actor)
{
    /// <summary>Hashes and parses every file; a file that fails is counted and dropped, as the pipeline fails it.</summary>
    public async Task<(IReadOnlyList<ParsedFile> Parsed, int Failed)> ParseAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var parsed = new List<ParsedFile>(files.Count);
        var failed = 0;
        foreach (var path in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!services.Readers.TryGetReader(path, out var reader))
            {
                continue;
            }

            try
            {
                var hash = await FileHashes.Sha256Async(path, cancellationToken);
                var document = await services.IsolatedReader.ReadAsync(reader, path, services.Options.PerFileTimeout, cancellationToken);
                parsed.Add(new ParsedFile(path, reader.MediaType, hash, document));
            }
            catch (Exception ex) when (ex is DocumentReadException or IOException or UnauthorizedAccessException)
            {
                failed++;
            }
        }

        return (parsed, failed);
    }

    /// <summary>Chunks every parsed document; one without text is dropped (the pipeline fails it).</summary>
    public IReadOnlyList<ChunkedFile> Chunk(IReadOnlyList<ParsedFile> parsed, CancellationToken cancellationToken)
    {
        var chunked = new List<ChunkedFile>(parsed.Count);
        foreach (var file in parsed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetFileName(file.Path);
            var documentId = DocumentIds.For(setName, relative);
            var chunks = services.Chunker.Chunk(file.Document, documentId, setName, file.Hash);
            if (chunks.Count == 0)
            {
                continue;
            }

            chunked.Add(new ChunkedFile(IngestedDocuments.Describe(documentId, setName, file.Path, relative, file.Hash, file.MediaType, file.Document), chunks));
        }

        return chunked;
    }

    /// <summary>Embeds every chunk text in batches of the pipeline's <c>EmbeddingBatchSize</c>, per file as the pipeline forms them.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<EmbeddedChunk>>> EmbedAsync(IReadOnlyList<ChunkedFile> chunked, CancellationToken cancellationToken)
    {
        var embedded = new List<IReadOnlyList<EmbeddedChunk>>(chunked.Count);
        foreach (var file in chunked)
        {
            var vectors = new List<ReadOnlyMemory<float>>(file.Chunks.Count);
            foreach (var batch in file.Chunks.Chunk(services.Options.EmbeddingBatchSize))
            {
                // What the model sees is the pipeline's embedding input (title and heading path, then the text), not the bare text.
                var embeddings = await services.Embedder.GenerateAsync(batch.Select(c => services.Chunker.EmbeddingInput(c, file.Document.Title)), cancellationToken: cancellationToken);
                vectors.AddRange(embeddings.Select(e => e.Vector));
            }

            embedded.Add(file.Chunks.Select((c, i) => new EmbeddedChunk(c, vectors[i])).ToList());
        }

        return embedded;
    }

    /// <summary>Stores every document with its embedded chunks and appends the audit record, as the write stage does.</summary>
    public async Task WriteAsync(IReadOnlyList<ChunkedFile> chunked, IReadOnlyList<IReadOnlyList<EmbeddedChunk>> embedded, CancellationToken cancellationToken)
    {
        for (var i = 0; i < chunked.Count; i++)
        {
            var document = chunked[i].Document;
            // The same two writes as the pipeline's write stage, in the same order, with the same record.
            await services.Audit.AppendAsync(
                IngestedDocuments.Indexed(document, embedded[i].Count, actor, services.Model.ModelId, services.Embedder.GetService<ModelVersion>()?.Value), cancellationToken);
            await services.Index.ReplaceDocumentAsync(document, embedded[i], cancellationToken);
        }
    }

    internal sealed record ParsedFile(string Path, string MediaType, string Hash, ParsedDocument Document);

    internal sealed record ChunkedFile(SourceDocument Document, IReadOnlyList<Chunk> Chunks);
}
