using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rag.Ingest.Chunking;
using Rag.Ingest.Pipeline;
using Rag.Ingest.Readers;
using Rag.Ingest.Readers.Ocr;
using Rag.Ingest.Readers.Office;

namespace Rag.Ingest;

/// <summary>Registers the ingestion pipeline: readers, the isolated reader, the chunker and their validated options.</summary>
public static class IngestServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IngestionPipeline"/> and everything it needs from this project.</summary>
    public static IServiceCollection AddRagIngest(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChunkingOptions>().Bind(configuration.GetSection(ChunkingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => ReaderRegistryFrom(sp.GetRequiredService<IOptions<IngestionOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<IngestionOptions>>().Value;
            return new IsolatedDocumentReader(new DocumentReadLimits { TimeLimit = options.PerFileTimeout, MaxFileSizeBytes = options.MaxFileBytes });
        });
        services.AddSingleton<StructureAwareChunker>();
        services.AddSingleton<IngestionPipeline>();
        return services;
    }

    private static DocumentReaderRegistry ReaderRegistryFrom(IngestionOptions options)
    {
        var zip = new ZipPackageLimits
        {
            MaxEntries = options.ZipMaxEntries,
            MaxUncompressedBytes = options.ZipMaxUncompressedBytes,
            MaxCompressionRatio = options.ZipMaxCompressionRatio,
            RejectDuplicateNames = options.ZipRejectDuplicateNames,
        };
        var ocr = options.OcrEnabled
            ? new PdfOcrOptions
            {
                TesseractPath = options.TesseractPath,
                PdftoppmPath = options.PdftoppmPath,
                Language = options.OcrLanguage,
                Dpi = options.OcrDpi,
                PageTimeout = options.OcrPageTimeout,
                MaxPages = options.OcrMaxPages,
            }
            : null;
        return DocumentReaderRegistry.Create(zip, options.MaxTableRows, ocr);
    }
}
