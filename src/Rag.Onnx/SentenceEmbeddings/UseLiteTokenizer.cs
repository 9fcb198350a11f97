using System.Text;
using System.Text.Json;

namespace Rag.Onnx.SentenceEmbeddings;

/// <summary>
/// The SentencePiece-style unigram tokenizer of Universal Sentence Encoder Lite: NFKC, <c>▁</c> for
/// spaces, Viterbi over code points maximising the sum of piece scores (as the TF.js original does).
/// </summary>
public sealed partial class UseLiteTokenizer
{
    /// <summary>Id of the unknown token.</summary>
    public const int UnknownId = 0;

    private const int ReservedIds = 6;
    private const char Separator = '\u2581';

    private readonly Dictionary<string, (int Id, double Score)> _pieces;
    private readonly Dictionary<string, (int Id, double Score)>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _maxPieceLength;

    private UseLiteTokenizer(Dictionary<string, (int Id, double Score)> pieces, int maxPieceLength)
    {
        _pieces = pieces;
        _lookup = pieces.GetAlternateLookup<ReadOnlySpan<char>>();
        _maxPieceLength = maxPieceLength;
    }

    /// <summary>Number of pieces the vocabulary can produce (reserved ids excluded).</summary>
    public int PieceCount => _pieces.Count;

    /// <summary>Loads <c>vocab.json</c>: a JSON list of <c>[piece, score]</c>, the index being the id.</summary>
    public static UseLiteTokenizer Load(string vocabJsonPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(vocabJsonPath);
        using var stream = File.OpenRead(vocabJsonPath);
        using var doc = JsonDocument.Parse(stream);
        var pieces = new Dictionary<string, (int, double)>(StringComparer.Ordinal);
        var maxLength = 1;
        var id = 0;
        foreach (var entry in doc.RootElement.EnumerateArray())
        {
            if (id >= ReservedIds)
            {
                var piece = entry[0].GetString() ?? string.Empty;
                // A few user-defined pieces (":", "▁:)", ...) have a null score; the TF.js original adds
                // null as 0, which makes them always win, as SentencePiece user-defined symbols do.
                var score = entry[1].ValueKind == JsonValueKind.Number ? entry[1].GetDouble() : 0d;
                if (piece.Length > 0 && pieces.TryAdd(piece, (id, score)))
                {
                    maxLength = Math.Max(maxLength, CodePointCount(piece));
                }
            }

            id++;
        }

        return new UseLiteTokenizer(pieces, maxLength);
    }

    /// <summary>Token ids of <paramref name="text"/> (no truncation); empty for empty text.</summary>
    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        // Every whitespace run (newlines and tabs between paragraphs included) becomes one space first:
        // the vocabulary knows only '▁' as a word boundary, so a raw '\n' would become an unknown token.
        var normalized = WhitespaceRun().Replace(Normalize(text), " ").Trim();
        if (normalized.Length == 0)
        {
            normalized = " ";
        }

        var input = Separator + normalized.Replace(' ', Separator);

        // Code point boundaries in UTF-16 offsets: symbol i spans [starts[i], starts[i + 1]).
        var starts = new List<int>(input.Length + 1);
        for (var i = 0; i < input.Length; i += char.IsSurrogatePair(input, i) ? 2 : 1)
        {
            starts.Add(i);
        }

        var n = starts.Count;
        starts.Add(input.Length);

        var best = new double[n + 1];
        var word = new int[n + 1];
        var length = new int[n + 1];

        // Forward pass ordered by end position, then start position ascending, so that on ties the
        // candidate found later (the shorter piece) wins. Scores and the "0 means unset" quirk follow
        // the TF.js reference exactly, because the model was trained on its output. Lattice: edges (start -> start + len) for every matching piece; a position
        // where nothing matches gets one unknown edge of length 1 with score 0.
        // Edges are appended with ascending start, which is the order the forward pass needs.
        var edgesByEnd = new List<(int Start, int Id, double Score)>[n + 1];
        for (var start = 0; start < n; start++)
        {
            var matched = false;
            var limit = Math.Min(n, start + _maxPieceLength);
            for (var end = start + 1; end <= limit; end++)
            {
                var span = input.AsSpan(starts[start], starts[end] - starts[start]);
                if (_lookup.TryGetValue(span, out var hit))
                {
                    (edgesByEnd[end] ??= []).Add((start, hit.Id, hit.Score));
                    matched = true;
                }
            }

            if (!matched)
            {
                (edgesByEnd[start + 1] ??= []).Add((start, UnknownId, 0d));
            }
        }

        for (var end = 1; end <= n; end++)
        {
            var edges = edgesByEnd[end];
            if (edges is null)
            {
                continue;
            }

            foreach (var (start, id, score) in edges)
            {
                var candidate = score + best[start];
                if (best[end] == 0 || candidate >= best[end])
                {
                    best[end] = candidate;
                    word[end] = id;
                    length[end] = end - start;
                }
            }
        }

        var reversed = new List<int>();
        // Backward pass; a position no piece ends at reads as one unknown symbol, like the original.
        for (var pos = n; pos > 0; pos -= Math.Max(1, length[pos]))
        {
            reversed.Add(word[pos]);
        }

        var result = new List<int>(reversed.Count);
        var previousUnknown = false;
        for (var i = reversed.Count - 1; i >= 0; i--)
        {
            var id = reversed[i];
            if (!(previousUnknown && id == UnknownId))
            {
                result.Add(id);
            }

            previousUnknown = id == UnknownId;
        }

        return result;
    }

    /// <summary>Whether NFKC normalisation works in this process (it does not under InvariantGlobalization).</summary>
    internal static bool NormalizationAvailable { get; } = "\uFB01".Normalize(NormalizationForm.FormKC) == "fi";

    private static string Normalize(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Invalid code points (lone surrogates): tokenise as given; they become unknown tokens.
            return text;
        }
    }

    private static int CodePointCount(string s)
    {
        var count = 0;
        for (var i = 0; i < s.Length; i += char.IsSurrogatePair(s, i) ? 2 : 1)
        {
            count++;
        }

        return count;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+")]
    private static partial System.Text.RegularExpressions.Regex WhitespaceRun();
}
