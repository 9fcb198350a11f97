namespace Rag.Core.Embeddings;

/// <summary>
/// The embedding model's own tokenizer, as the chunker needs it: chunks are sized in the
/// model's tokens so that nothing is silently truncated at embedding time.
/// </summary>
public interface IEmbeddingTokenizer
{
    /// <summary>Most tokens one input may have (special tokens excluded) before the model truncates it.</summary>
    int MaxTokens { get; }

    /// <summary>Number of model tokens in <paramref name="text"/>, special tokens excluded.</summary>
    int CountTokens(string text);
}
