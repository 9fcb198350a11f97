using System.ComponentModel.DataAnnotations;

namespace Rag.Core.Answers;

/// <summary>Settings of answering, extractive and generated (configuration section <c>Rag:Answer</c>).</summary>
public sealed class AnswerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Rag:Answer";

    /// <summary>Most sentences quoted in one answer. Default 3.</summary>
    [Range(1, 20)]
    public int MaxSentences { get; set; } = 3;

    /// <summary>
    /// Minimum score of the best sentence (its cosine similarity to the question plus <see cref="TermWeight"/> times the
    /// share of the question's words it holds) for the quoter to quote it; below it the answer says nothing relevant
    /// was found. Whether anything relevant was retrieved at all is decided before, by the relevance gate
    /// (<see cref="RelevanceOptions"/>). Default 0.38, first calibrated on Universal Sentence Encoder Lite and the
    /// sample documents (answering sentences 0.44–0.79 by similarity alone).
    /// </summary>
    [Range(-1.0, 1.0)]
    public double MinRelevance { get; set; } = 0.38;

    /// <summary>
    /// Weight of the share of the question's content words a sentence holds, added to its cosine similarity to the
    /// question to rank the sentences to quote. Default 0.5 (set before measuring, not tuned; bench/README.md, "Answer quality").
    /// </summary>
    [Range(0.0, 10.0)]
    public double TermWeight { get; set; } = 0.5;

    /// <summary>
    /// Document sentences whose vectors the quoter keeps in memory between questions (least recently used evicted
    /// first; about 2 KB each at 512 dimensions). Default 20,000; 0 embeds every sentence every time. Questions are
    /// never cached.
    /// </summary>
    [Range(0, 10_000_000)]
    public int SentenceCacheEntries { get; set; } = 20_000;

    /// <summary>A sentence following the answer is added (when it adds question words) only if it scores within this margin of the answer. Default 0.12.</summary>
    [Range(0.0, 2.0)]
    public double RelativeMargin { get; set; } = 0.12;

    /// <summary>Longest snippet shown for a citation, in characters. Default 400.</summary>
    [Range(40, 10_000)]
    public int MaxSnippetChars { get; set; } = 400;

    /// <summary>Most retrieved chunks given to the generator as numbered sources. Default 6.</summary>
    [Range(1, 50)]
    public int MaxSources { get; set; } = 6;

    /// <summary>Most earlier messages (user and assistant) of a conversation used for a follow-up. Default 8.</summary>
    [Range(0, 100)]
    public int MaxHistoryMessages { get; set; } = 8;

    /// <summary>Most tokens the generator may write for one answer. Default 512.</summary>
    [Range(1, 32_768)]
    public int MaxOutputTokens { get; set; } = 512;

    /// <summary>Sampling temperature of the generator; 0 is greedy (the same sources give the same answer). Default 0.</summary>
    [Range(0.0, 2.0)]
    public float Temperature { get; set; }
}
