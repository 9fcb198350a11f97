namespace Rag.Evaluation.Qa;

/// <summary>A question file is empty or malformed; <see cref="Errors"/> lists every problem with its line number.</summary>
public sealed class QaFormatException : Exception
{
    private const int MaxErrorsInMessage = 20;

    /// <summary>Creates the exception for the problems found in <paramref name="source"/>.</summary>
    public QaFormatException(string source, IReadOnlyList<string> errors)
        : base(Describe(source, errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception.</summary>
    public QaFormatException(string message)
        : base(message)
    {
        Errors = [message];
    }

    /// <summary>Creates the exception with its cause.</summary>
    public QaFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Creates the exception.</summary>
    public QaFormatException()
    {
        Errors = [];
    }

    /// <summary>Every problem found, each starting with "line N:".</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string Describe(string source, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var shown = errors.Take(MaxErrorsInMessage).Select(e => "  " + e);
        var more = errors.Count > MaxErrorsInMessage ? [$"  ... and {errors.Count - MaxErrorsInMessage} more"] : Array.Empty<string>();
        var noun = errors.Count == 1 ? "problem" : "problems";
        return string.Join(Environment.NewLine, [$"'{source}' has {errors.Count} {noun}; nothing was asked:", .. shown, .. more]);
    }
}
