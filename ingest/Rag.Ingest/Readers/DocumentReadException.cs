namespace Rag.Ingest.Readers;

/// <summary>A file could not be read; the message is the reason shown to the admin.</summary>
public sealed class DocumentReadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DocumentReadException()
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    public DocumentReadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and cause.</summary>
    public DocumentReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
