namespace Rag.Onnx.SentenceEmbeddings;

/// <summary>How token vectors of a BERT-family model become one sentence vector.</summary>
public enum PoolingMode
{
    /// <summary>Attention-mask-weighted mean of the token vectors.</summary>
    Mean,

    /// <summary>The vector of the first ([CLS]) token.</summary>
    Cls,
}
