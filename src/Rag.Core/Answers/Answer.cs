namespace Rag.Core.Answers;

/// <summary>An answer with the sources it rests on.</summary>
/// <param name="Text">Answer text; each claim is followed by "[n]" naming a <see cref="Citation"/>.</param>
/// <param name="Citations">The sources cited in <paramref name="Text"/>, by their number.</param>
/// <param name="FoundRelevant">False when nothing the caller may read was relevant enough; the text then says so.</param>
public sealed record Answer(string Text, IReadOnlyList<Citation> Citations, bool FoundRelevant)
{
    /// <summary>The text shown when nothing relevant was found.</summary>
    public const string NothingFoundText = "I found nothing relevant to that question in the documents you can access.";

    /// <summary>The answer for "nothing relevant found".</summary>
    public static Answer NothingFound { get; } = new(NothingFoundText, [], false);

    /// <summary>
    /// True when the text cites at least one retrieved source and every remaining citation is valid.
    /// A generated answer without a valid citation is ungrounded: shown with a warning, recorded as such.
    /// </summary>
    public bool Grounded { get; init; } = true;

    /// <summary>Citation numbers the model wrote that named no retrieved source; they were removed from <see cref="Text"/>.</summary>
    public IReadOnlyList<int> RemovedCitations { get; init; } = [];

    /// <summary>The model that wrote the text: <c>extractive</c>, or the generator's model id.</summary>
    public string ModelId { get; init; } = QuestionService.ExtractiveModelId;

    /// <summary>The query that was searched: the question itself, or a follow-up rewritten into a standalone question.</summary>
    public string? SearchQuery { get; init; }

    /// <summary>Something the reader should know about how this answer was made (e.g. the model was unreachable), or null.</summary>
    public string? Notice { get; init; }
}
