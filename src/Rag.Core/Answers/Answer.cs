namespace Rag.Core.Answers;

/// <summary>An answer with the sources it rests on.</summary>
/// <param name="Text">Answer text; each claim is followed by "[n]" naming a <see cref="Citation"/>.</param>
/// <param name="Citations">The sources, numbered from 1.</param>
/// <param name="FoundRelevant">False when nothing the caller may read was relevant enough; the text then says so.</param>
public sealed record Answer(string Text, IReadOnlyList<Citation> Citations, bool FoundRelevant)
{
    /// <summary>The text shown when nothing relevant was found.</summary>
    public const string NothingFoundText = "I found nothing relevant to that question in the documents you can access.";

    /// <summary>The answer for "nothing relevant found".</summary>
    public static Answer NothingFound { get; } = new(NothingFoundText, [], false);
}
