using System.ComponentModel.DataAnnotations;

namespace Rag.Core.Answers;

/// <summary>Settings of <see cref="RelevanceGate"/> (configuration section <c>Rag:Answer:Relevance</c>).</summary>
public sealed class RelevanceOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Rag:Answer:Relevance";

    /// <summary>
    /// Minimum cosine similarity between the query and a retrieved chunk (as the dense search scored it) for the
    /// generator to be called. Below it for every chunk, the answer says nothing relevant was found.
    /// Default 0.38, the same bar as <see cref="AnswerOptions.MinRelevance"/> for quoted sentences.
    /// </summary>
    [Range(-1.0, 1.0)]
    public double MinSimilarity { get; set; } = 0.38;
}
