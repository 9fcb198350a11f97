using System.Numerics.Tensors;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Rag.Core.Retrieval;
using Rag.Core.Text;

namespace Rag.Core.Answers;

/// <summary>
/// Answers by quoting the retrieved sentences most similar to the question, each followed by a numbered
/// citation. Used when no generator is configured: it never invents text, and when no sentence passes
/// <see cref="AnswerOptions.MinRelevance"/> it says it found nothing rather than guessing.
/// </summary>
public sealed class ExtractiveAnswerer
{
    private const int MinSentenceChars = 12;
    private const int MaxSentenceChars = 600;
    private const float DuplicateSimilarity = 0.95f;
    private static readonly System.Buffers.SearchValues<char> NonContent = System.Buffers.SearchValues.Create(" .,;:-–—()[]0123456789");

    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly AnswerOptions _options;

    /// <summary>Creates the answerer.</summary>
    public ExtractiveAnswerer(IEmbeddingGenerator<string, Embedding<float>> embedder, IOptions<AnswerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _embedder = embedder;
        _options = options.Value;
    }

    /// <summary>Builds an answer to <paramref name="question"/> from <paramref name="retrieved"/> (best first).</summary>
    public async Task<Answer> AnswerAsync(string question, IReadOnlyList<RetrievedChunk> retrieved, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(retrieved);
        var candidates = Candidates(retrieved);
        if (candidates.Count == 0)
        {
            return Answer.NothingFound;
        }

        // Each sentence is scored alone and together with its section heading, keeping the better score:
        // an FAQ answer under the heading "How do I connect to the VPN?" rarely repeats the question itself.
        // Sentences without a heading are embedded once.
        var inputs = new List<string>((2 * candidates.Count) + 1) { question };
        inputs.AddRange(candidates.Select(c => c.Text));
        var inSectionIndex = new int[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            inSectionIndex[i] = candidates[i].Heading is null ? i + 1 : inputs.Count;
            if (candidates[i].Heading is { } heading)
            {
                inputs.Add(heading + ": " + candidates[i].Text);
            }
        }

        var embeddings = await _embedder.GenerateAsync(inputs, cancellationToken: cancellationToken);
        var query = embeddings[0].Vector.Span;
        for (var i = 0; i < candidates.Count; i++)
        {
            var alone = TensorPrimitives.CosineSimilarity(query, embeddings[i + 1].Vector.Span);
            var inSection = TensorPrimitives.CosineSimilarity(query, embeddings[inSectionIndex[i]].Vector.Span);
            candidates[i] = candidates[i] with { Score = Math.Max(alone, inSection) };
        }

        var chosen = Choose(candidates, embeddings);
        return chosen.Count == 0 ? Answer.NothingFound : Compose(chosen, retrieved);
    }

    private static List<Candidate> Candidates(IReadOnlyList<RetrievedChunk> retrieved)
    {
        var list = new List<Candidate>();
        for (var c = 0; c < retrieved.Count; c++)
        {
            var text = retrieved[c].Chunk.Text;
            var heading = retrieved[c].Chunk.HeadingPath.Count > 0 ? retrieved[c].Chunk.HeadingPath[^1] : null;
            foreach (var span in SentenceSegmenter.Split(text))
            {
                var raw = text.AsSpan(span.Start, span.Length);
                if (span.Length < MinSentenceChars || !raw.ContainsAnyExcept(NonContent) || !IsStatement(raw))
                {
                    continue;
                }

                var sentence = span.Length > MaxSentenceChars ? string.Concat(text.AsSpan(span.Start, MaxSentenceChars), "…") : text.Substring(span.Start, span.Length);
                list.Add(new Candidate(c, list.Count, sentence.ReplaceLineEndings(" "), heading, 0));
            }
        }

        return list;
    }

    private List<Candidate> Choose(List<Candidate> candidates, GeneratedEmbeddings<Embedding<float>> embeddings)
    {
        var ranked = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.ChunkIndex).ToList();
        var best = ranked[0].Score;
        if (best < _options.MinRelevance)
        {
            return [];
        }

        var floor = Math.Max(_options.MinRelevance, best - _options.RelativeMargin);
        var chosen = new List<Candidate>();
        foreach (var candidate in ranked)
        {
            if (chosen.Count == _options.MaxSentences || candidate.Score < floor)
            {
                break;
            }

            var vector = embeddings[candidate.Position + 1].Vector;
            if (chosen.All(c => TensorPrimitives.CosineSimilarity(vector.Span, embeddings[c.Position + 1].Vector.Span) < DuplicateSimilarity))
            {
                chosen.Add(candidate);
            }
        }

        return chosen;
    }

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

    // Table rows ("a | b | c") and lead-ins ending in ':' are fragments, not answers on their own.
    private static bool IsStatement(ReadOnlySpan<char> sentence) =>
        !sentence.Contains('|') && sentence[^1] != ':';

    private string Snippet(string text) =>
        text.Length <= _options.MaxSnippetChars ? text : string.Concat(text.AsSpan(0, _options.MaxSnippetChars), "…");

    private sealed record Candidate(int ChunkIndex, int Position, string Text, string? Heading, double Score);
}
