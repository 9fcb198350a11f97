using System.Numerics.Tensors;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Rag.Core.Retrieval;
using Rag.Core.Text;

namespace Rag.Core.Answers;

/// <summary>
/// Answers by quoting the retrieved sentence that best answers the question, followed by a numbered citation, and
/// a neighbouring sentence only when it belongs to the answer. Used when no generator is configured: it never invents
/// text, and when no sentence reaches <see cref="AnswerOptions.MinRelevance"/> it says it found nothing.
/// </summary>
/// <remarks>
/// A sentence scores its cosine similarity to the query (alone or under its section heading, whichever is higher)
/// plus <see cref="AnswerOptions.TermWeight"/> times the share of the question's content words it holds (a word only in
/// its heading counts half). For a follow-up searched together with its topic, the follow-up's own words count more
/// than the topic's, so the answer is about what was asked now. Headings, table rows, lead-ins and fragments are never
/// quoted (<see cref="SentenceText"/>).
/// </remarks>
public sealed class ExtractiveAnswerer
{
    private const int MinSentenceChars = 12;
    private const int MaxSentenceChars = 600;
    private const double OwnTermsShare = 0.6;
    private const double HeadingTermShare = 0.5;
    private static readonly System.Buffers.SearchValues<char> NonContent = System.Buffers.SearchValues.Create(" .,;:-–—()[]0123456789");
    private static readonly string[] ContinuingStarts =
        ["it ", "its ", "it's ", "they ", "their ", "them ", "this ", "these ", "that ", "those ", "he ", "she ", "his ", "her ", "however", "otherwise", "also", "then ", "but ", "in that case", "if so"];

    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly SentenceVectorCache _sentences;
    private readonly AnswerOptions _options;

    /// <summary>Creates the answerer; <paramref name="sentences"/> keeps document sentences' vectors between questions (none: every sentence is embedded every time).</summary>
    public ExtractiveAnswerer(IEmbeddingGenerator<string, Embedding<float>> embedder, IOptions<AnswerOptions> options, SentenceVectorCache? sentences = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sentences = sentences ?? SentenceVectorCache.Off;
        _embedder = embedder;
        _options = options.Value;
    }

    /// <summary>Builds an answer to <paramref name="question"/> from <paramref name="retrieved"/> (best first).</summary>
    public Task<Answer> AnswerAsync(string question, IReadOnlyList<RetrievedChunk> retrieved, CancellationToken cancellationToken = default) =>
        AnswerAsync(question, question, retrieved, cancellationToken);

    /// <summary>
    /// Builds an answer to <paramref name="question"/>, searched as <paramref name="query"/> (the question with its
    /// conversation's topic when it is a follow-up), from <paramref name="retrieved"/> (best first).
    /// </summary>
    public async Task<Answer> AnswerAsync(string query, string question, IReadOnlyList<RetrievedChunk> retrieved, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(retrieved);
        var candidates = Candidates(retrieved);
        if (candidates.Count == 0)
        {
            return Answer.NothingFound;
        }

        // Each sentence is scored alone and together with its section heading, keeping the better score:
        // an FAQ answer under the heading "How do I connect to the VPN?" rarely repeats the question itself.
        // Sentences without a heading are embedded once. The query is input 0; the sentences' vectors may come from
        // the cache (document text only).
        var sentences = new List<string>(2 * candidates.Count);
        sentences.AddRange(candidates.Select(c => c.Text));
        var inSectionIndex = new int[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            inSectionIndex[i] = candidates[i].Heading is null ? i + 1 : sentences.Count + 1;
            if (candidates[i].Heading is { } heading)
            {
                sentences.Add(heading + ": " + candidates[i].Text);
            }
        }

        var embeddings = await _sentences.EmbedAsync(_embedder, [query], sentences, cancellationToken);
        var vector = embeddings[0].Span;
        var terms = new QuestionTerms(ContentTerms.Of(query), ContentTerms.Of(question));
        for (var i = 0; i < candidates.Count; i++)
        {
            var alone = TensorPrimitives.CosineSimilarity(vector, embeddings[i + 1].Span);
            var inSection = TensorPrimitives.CosineSimilarity(vector, embeddings[inSectionIndex[i]].Span);
            var overlap = terms.Overlap(candidates[i].Terms, candidates[i].HeadingTerms);
            candidates[i] = candidates[i] with { Score = Math.Max(alone, inSection) + (_options.TermWeight * overlap), Overlap = overlap };
        }

        var chosen = Choose(candidates, terms);
        return chosen.Count == 0 ? Answer.NothingFound : Compose(chosen, retrieved);
    }

    private static List<Candidate> Candidates(IReadOnlyList<RetrievedChunk> retrieved)
    {
        var list = new List<Candidate>();
        for (var c = 0; c < retrieved.Count; c++)
        {
            var text = retrieved[c].Chunk.Text;
            var heading = retrieved[c].Chunk.HeadingPath.Count > 0 ? retrieved[c].Chunk.HeadingPath[^1] : null;
            var headingTerms = ContentTerms.SetOf(string.Join(' ', retrieved[c].Chunk.HeadingPath));
            var spans = SentenceSegmenter.Split(text);
            for (var s = 0; s < spans.Count; s++)
            {
                var span = spans[s];
                var raw = text.AsSpan(span.Start, span.Length);
                if (span.Length < MinSentenceChars || !raw.ContainsAnyExcept(NonContent) || SentenceText.Statement(raw.ToString()) is not { } statement)
                {
                    continue;
                }

                var sentence = statement.Length > MaxSentenceChars ? string.Concat(statement.AsSpan(0, MaxSentenceChars), "…") : statement;
                list.Add(new Candidate(c, s, sentence.ReplaceLineEndings(" "), heading, ContentTerms.SetOf(statement), headingTerms));
            }
        }

        return list;
    }

    // One sentence that answers; then its following sentences while they continue it (start with a pronoun or a
    // connective) or add question words it lacks, up to MaxSentences.
    private List<Candidate> Choose(List<Candidate> candidates, QuestionTerms terms)
    {
        var best = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.ChunkIndex).ThenBy(c => c.Sentence).First();
        if (best.Score < _options.MinRelevance)
        {
            return [];
        }

        var chosen = new List<Candidate> { best };
        var covered = new HashSet<string>(best.Terms, StringComparer.Ordinal);
        var floor = best.Score - _options.RelativeMargin;
        while (chosen.Count < _options.MaxSentences)
        {
            var last = chosen[^1];
            var next = candidates.FirstOrDefault(c => c.ChunkIndex == last.ChunkIndex && c.Sentence == last.Sentence + 1);
            if (next is null || !(Continues(next.Text) || (next.Score >= floor && terms.AddsWords(next.Terms, covered))))
            {
                break;
            }

            chosen.Add(next);
            covered.UnionWith(next.Terms);
        }

        return chosen;
    }

    private static bool Continues(string sentence) =>
        ContinuingStarts.Any(s => sentence.StartsWith(s, StringComparison.OrdinalIgnoreCase));

    private Answer Compose(List<Candidate> chosen, IReadOnlyList<RetrievedChunk> retrieved)
    {
        var numbers = new Dictionary<int, int>();
        var citations = new List<Citation>();
        var text = new StringBuilder();
        foreach (var sentence in chosen)
        {
            if (!numbers.TryGetValue(sentence.ChunkIndex, out var n))
            {
                n = citations.Count + 1;
                numbers.Add(sentence.ChunkIndex, n);
                citations.Add(Citation.For(n, retrieved[sentence.ChunkIndex], sentence.Score, Snippet(sentence.Text)));
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(sentence.Text).Append(" [").Append(n).Append(']');
        }

        return new Answer(text.ToString(), citations, true);
    }

    private string Snippet(string text) =>
        text.Length <= _options.MaxSnippetChars ? text : string.Concat(text.AsSpan(0, _options.MaxSnippetChars), "…");

    private sealed record Candidate(int ChunkIndex, int Sentence, string Text, string? Heading, HashSet<string> Terms, HashSet<string> HeadingTerms)
    {
        public double Score { get; init; }

        public double Overlap { get; init; }
    }

    // The query's content words, and the asker's own when the query adds a conversation's topic to them.
    private sealed class QuestionTerms(IReadOnlyList<string> query, IReadOnlyList<string> own)
    {
        private readonly bool _followUp = own.Count > 0 && !own.ToHashSet().SetEquals(query);

        public double Overlap(HashSet<string> sentence, HashSet<string> heading)
        {
            var all = Share(query, sentence, heading);
            return _followUp ? ((1 - OwnTermsShare) * all) + (OwnTermsShare * Share(own, sentence, heading)) : all;
        }

        public bool AddsWords(HashSet<string> sentence, HashSet<string> covered) =>
            query.Any(t => sentence.Contains(t) && !covered.Contains(t));

        private static double Share(IReadOnlyList<string> terms, HashSet<string> sentence, HashSet<string> heading)
        {
            if (terms.Count == 0)
            {
                return 0;
            }

            var found = 0.0;
            foreach (var term in terms)
            {
                found += sentence.Contains(term) ? 1 : heading.Contains(term) ? HeadingTermShare : 0;
            }

            return found / terms.Count;
        }
    }
}
