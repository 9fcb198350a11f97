namespace Rag.Core.Answers;

/// <summary>How a <see cref="GeneratedAnswerStream"/> ended, read once its pieces have all been taken.</summary>
internal sealed class GenerationOutcome
{
    /// <summary>The complete answer, or null when the generator failed before writing anything.</summary>
    public Answer? Answer { get; set; }

    /// <summary>The last text held back by the citation filter, shown with the final update.</summary>
    public string Tail { get; set; } = string.Empty;

    /// <summary>Why the generator wrote nothing (the quoted answer is given instead), or null.</summary>
    public string? Failure { get; set; }
}
