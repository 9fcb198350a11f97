namespace Rag.Onnx.SentenceEmbeddings;

/// <summary>Family of the embedding model, which decides tokenizer and graph inputs.</summary>
public enum EmbeddingModelKind
{
    /// <summary>Universal Sentence Encoder Lite (sparse inputs, 512-d).</summary>
    UseLite,

    /// <summary>BERT-family ONNX export (all-MiniLM-L6-v2, bge, e5, gte).</summary>
    Bert,
}
