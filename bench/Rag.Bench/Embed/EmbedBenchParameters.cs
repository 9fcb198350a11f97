namespace Rag.Bench.Embed;

/// <summary>The inputs of an embedding benchmark run.</summary>
/// <param name="Model">Embedding model id.</param>
/// <param name="Dimensions">Vector length.</param>
/// <param name="Corpus">Where the chunk texts came from.</param>
/// <param name="Chunks">Chunks embedded per pass.</param>
/// <param name="Tokens">Tokens of all chunks as the model's own tokenizer counts them (<c>IEmbeddingTokenizer.CountTokens</c>:
/// special tokens such as BERT's [CLS]/[SEP] excluded), after truncation to <paramref name="MaxTokens"/>.</param>
/// <param name="MeanTokensPerChunk">Tokens / chunks.</param>
/// <param name="Characters">Characters of all chunk texts: the same corpus text costs the same here whatever the model's tokenizer.</param>
/// <param name="MeanCharactersPerChunk">Characters / chunks.</param>
/// <param name="MaxTokens">The model's token limit per input.</param>
/// <param name="BatchSizes">Batch sizes measured.</param>
/// <param name="Repetitions">Timed passes per batch size and path.</param>
/// <param name="Warmups">Untimed passes per batch size and path.</param>
/// <param name="ExecutionProvider">Requested ONNX Runtime execution provider.</param>
/// <param name="IntraOpThreads">ONNX Runtime intra-op threads (0 = its default).</param>
public sealed record EmbedBenchParameters(
    string Model,
    int Dimensions,
    string Corpus,
    int Chunks,
    long Tokens,
    double MeanTokensPerChunk,
    long Characters,
    double MeanCharactersPerChunk,
    int MaxTokens,
    IReadOnlyList<int> BatchSizes,
    int Repetitions,
    int Warmups,
    string ExecutionProvider,
    int IntraOpThreads);
