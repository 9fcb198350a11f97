namespace Rag.Core.Storage;

/// <summary>Thrown when vectors of one embedding model are written to or searched in an index built with another.</summary>
public sealed class EmbeddingModelMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public EmbeddingModelMismatchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EmbeddingModelMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public EmbeddingModelMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
