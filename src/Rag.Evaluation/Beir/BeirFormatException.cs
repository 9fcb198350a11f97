namespace Rag.Evaluation.Beir;

/// <summary>A BEIR dataset file is missing or malformed; the message names the file and the line.</summary>
public sealed class BeirFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BeirFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public BeirFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public BeirFormatException()
    {
    }
}
