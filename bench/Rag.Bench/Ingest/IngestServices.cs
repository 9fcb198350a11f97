using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Core.Embeddings;
using Rag.Core.Storage;
using Rag.Ingest.Chunking;
using Rag.Ingest.Pipeline;
using Rag.Ingest.Readers;

namespace Rag.Bench.Ingest;

/// <summary>The product's ingestion services over one throw-away data directory; disposes the container.</summary>
internal sealed class IngestServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public IngestServices(ServiceProvider provider)
    {
        _provider = provider;
        Readers = provider.GetRequiredService<DocumentReaderRegistry>();
        IsolatedReader = provider.GetRequiredService<IsolatedDocumentReader>();
        Chunker = provider.GetRequiredService<StructureAwareChunker>();
        Embedder = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        Model = provider.GetRequiredService<EmbeddingModelInfo>();
        Index = provider.GetRequiredService<IDocumentIndex>();
        Audit = provider.GetRequiredService<IAuditLog>();
        Options = provider.GetRequiredService<IOptions<IngestionOptions>>().Value;
        Pipeline = provider.GetRequiredService<IngestionPipeline>();
    }

    public DocumentReaderRegistry Readers { get; }

    public IsolatedDocumentReader IsolatedReader { get; }

    public StructureAwareChunker Chunker { get; }

    public IEmbeddingGenerator<string, Embedding<float>> Embedder { get; }

    public EmbeddingModelInfo Model { get; }

    public IDocumentIndex Index { get; }

    public IAuditLog Audit { get; }

    public IngestionOptions Options { get; }

    public IngestionPipeline Pipeline { get; }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
