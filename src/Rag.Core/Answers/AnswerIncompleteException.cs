namespace Rag.Core.Answers;

/// <summary>The answer model stopped before the answer was complete; what was shown is on the audit record as failed.</summary>
public sealed class AnswerIncompleteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AnswerIncompleteException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public AnswerIncompleteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public AnswerIncompleteException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
