namespace Rag.Bench.Embed;

/// <summary>Throughput of one path (full stack or bare loop) at one batch size.</summary>
/// <param name="MedianPassSeconds">Median over the timed passes of this path's time to embed every chunk once.</param>
/// <param name="ChunksPerSecond">Chunks / median pass time.</param>
/// <param name="TokensPerSecond">Tokens (as the model's tokenizer counts them, after truncation) / median pass time.</param>
/// <param name="CharactersPerSecond">Characters of chunk text / median pass time: comparable across models with different tokenizers and token limits.</param>
/// <param name="PassSeconds">Every timed pass, in order.</param>
/// <param name="AllocatedBytesPerChunk">Managed bytes allocated on the calling thread by this path during the timed passes, per chunk embedded (ONNX Runtime's native memory is not managed).</param>
public sealed record EmbedThroughput(
    double MedianPassSeconds,
    double ChunksPerSecond,
    double TokensPerSecond,
    double CharactersPerSecond,
    IReadOnlyList<double> PassSeconds,
    double AllocatedBytesPerChunk);
