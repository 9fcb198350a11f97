using System.ComponentModel.DataAnnotations;

namespace Rag.Core.Answers;

/// <summary>Settings of the extractive answerer (configuration section <c>Rag:Answer</c>).</summary>
public sealed class AnswerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Rag:Answer";

    /// <summary>Most sentences quoted in one answer. Default 3.</summary>
    [Range(1, 20)]
    public int MaxSentences { get; set; } = 3;

    /// <summary>
    /// Minimum cosine similarity between the question and a sentence for it to count as relevant.
    /// Below it for every sentence, the answer says nothing relevant was found instead of guessing.
    /// Default 0.38, calibrated on Universal Sentence Encoder Lite and the sample documents: answering
    /// sentences scored 0.44–0.79, off-topic questions at most 0.32 (unrelated sentence pairs 0.07–0.22).
    /// </summary>
    [Range(-1.0, 1.0)]
    public double MinRelevance { get; set; } = 0.38;

    /// <summary>A sentence is quoted only if it scores within this margin of the best one. Default 0.12.</summary>
    [Range(0.0, 2.0)]
    public double RelativeMargin { get; set; } = 0.12;

    /// <summary>Longest snippet shown for a citation, in characters. Default 400.</summary>
    [Range(40, 10_000)]
    public int MaxSnippetChars { get; set; } = 400;
}
