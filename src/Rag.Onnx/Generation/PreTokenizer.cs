using System.Text.Json;
using System.Text.RegularExpressions;

namespace Rag.Onnx.Generation;

/// <summary>
/// The <c>pre_tokenizer</c> of a tokenizer.json: Sequence, ByteLevel (GPT-2 regex), Digits, Split (regex, Isolated)
/// and Metaspace (SentencePiece ▁, as newer Llama-2/Mistral tokenizer.json files write it instead of normalizers).
/// Splits text into words for BPE; when a ByteLevel step is present, words come back in the byte-level alphabet.
/// </summary>
internal sealed partial class PreTokenizer
{
    private readonly List<Func<string, IEnumerable<string>>> _splits = [];

    private PreTokenizer()
    {
    }

    /// <summary>Whether words are mapped to GPT-2's byte alphabet (then the decoder must map back).</summary>
    public bool ByteLevel { get; private set; }

    private bool AddPrefixSpace { get; set; }

    /// <summary>Metaspace: the replacement character (▁), or null when there is no Metaspace step.</summary>
    private string? Metaspace { get; set; }

    /// <summary>Metaspace prepend_scheme: "always", "first" (only at the start of the input) or "never".</summary>
    private string MetaspacePrepend { get; set; } = "always";

    public static PreTokenizer Parse(JsonElement element)
    {
        var pre = new PreTokenizer();
        if (element.ValueKind == JsonValueKind.Object)
        {
            pre.Add(element);
        }

        return pre;
    }

    /// <summary>
    /// The words of <paramref name="text"/>; <paramref name="atInputStart"/> says whether the text begins the input
    /// (Metaspace "first" prepends ▁ only there, not after a special token).
    /// </summary>
    public List<string> Split(string text, bool atInputStart = true)
    {
        if (Metaspace is { } meta)
        {
            text = text.Replace(" ", meta, StringComparison.Ordinal);
            var prepend = MetaspacePrepend == "always" || (MetaspacePrepend == "first" && atInputStart);
            if (prepend && !text.StartsWith(meta, StringComparison.Ordinal))
            {
                text = meta + text;
            }
        }

        if (AddPrefixSpace && text.Length > 0 && text[0] != ' ')
        {
            text = " " + text;
        }

        List<string> words = [text];
        foreach (var split in _splits)
        {
            words = words.SelectMany(split).Where(w => w.Length > 0).ToList();
        }

        return ByteLevel ? words.ConvertAll(ByteLevelAlphabet.Encode) : words;
    }

    private static IEnumerable<string> Isolate(Regex regex, string text) => Pieces(regex, text).Select(p => p.Text);

    // The text cut at every non-empty match: gaps and matches in order, each flagged.
    private static IEnumerable<(string Text, bool IsMatch)> Pieces(Regex regex, string text)
    {
        var position = 0;
        for (var m = regex.Match(text); m.Success; m = m.NextMatch())
        {
            if (m.Length == 0)
            {
                continue;
            }

            if (m.Index > position)
            {
                yield return (text[position..m.Index], false);
            }

            yield return (m.Value, true);
            position = m.Index + m.Length;
        }

        if (position < text.Length)
        {
            yield return (text[position..], false);
        }
    }

    // Metaspace split: each ▁ starts a new word (MergedWithNext).
    private static IEnumerable<string> SplitBefore(string text, string marker)
    {
        var start = 0;
        if (text.Length <= marker.Length)
        {
            yield return text;
            yield break;
        }

        for (var at = text.IndexOf(marker, 1, StringComparison.Ordinal); at > 0; at = text.IndexOf(marker, at + marker.Length, StringComparison.Ordinal))
        {
            yield return text[start..at];
            start = at;
        }

        yield return text[start..];
    }

    // Digits pre-tokenizer: digit runs (or single digits) become their own words.
    private static IEnumerable<string> SplitDigits(string text, bool individual)
    {
        var start = 0;
        for (var i = 1; i < text.Length; i++)
        {
            var before = char.IsNumber(text[i - 1]);
            var here = char.IsNumber(text[i]);
            if (before != here || (individual && before))
            {
                yield return text[start..i];
                start = i;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Gpt2Words();

    private void Add(JsonElement spec)
    {
        var type = spec.GetProperty("type").GetString();
        switch (type)
        {
            case "Sequence":
                foreach (var inner in spec.GetProperty("pretokenizers").EnumerateArray())
                {
                    Add(inner);
                }

                break;
            case "ByteLevel":
                ByteLevel = true;
                AddPrefixSpace = spec.TryGetProperty("add_prefix_space", out var aps) && aps.ValueKind == JsonValueKind.True;
                if (!spec.TryGetProperty("use_regex", out var useRegex) || useRegex.ValueKind != JsonValueKind.False)
                {
                    _splits.Add(t => Isolate(Gpt2Words(), t));
                }

                break;
            case "Digits":
                var individual = spec.TryGetProperty("individual_digits", out var ind) && ind.ValueKind == JsonValueKind.True;
                _splits.Add(t => SplitDigits(t, individual));
                break;
            case "Split":
                AddSplit(spec);
                break;
            case "Metaspace":
                Metaspace = spec.TryGetProperty("replacement", out var rep) ? rep.GetString() ?? "\u2581" : "\u2581";
                MetaspacePrepend = spec.TryGetProperty("prepend_scheme", out var scheme) && scheme.GetString() is { } sc ? sc
                    : spec.TryGetProperty("add_prefix_space", out var addPrefix) && addPrefix.ValueKind == JsonValueKind.False ? "never" : "always";
                if (!spec.TryGetProperty("split", out var split) || split.ValueKind != JsonValueKind.False)
                {
                    var marker = Metaspace;
                    _splits.Add(t => SplitBefore(t, marker));
                }

                break;
            default:
                throw new NotSupportedException($"tokenizer.json: pre_tokenizer '{type}' is not supported.");
        }
    }

    private void AddSplit(JsonElement spec)
    {
        var behavior = spec.GetProperty("behavior").GetString();
        var invert = spec.TryGetProperty("invert", out var inv) && inv.ValueKind == JsonValueKind.True;
        if (behavior is not ("Isolated" or "MergedWithPrevious" or "MergedWithNext" or "Removed") || invert)
        {
            throw new NotSupportedException($"tokenizer.json: Split pre_tokenizer with behavior '{behavior}' (invert {invert}) is not supported.");
        }

        var pattern = spec.GetProperty("pattern");
        var regex = pattern.TryGetProperty("Regex", out var r)
            ? new Regex(r.GetString() ?? string.Empty, RegexOptions.CultureInvariant | RegexOptions.Compiled)
            : new Regex(Regex.Escape(pattern.GetProperty("String").GetString() ?? string.Empty), RegexOptions.CultureInvariant);
        _splits.Add(behavior switch
        {
            "Isolated" => t => Isolate(regex, t),
            "Removed" => t => Pieces(regex, t).Where(p => !p.IsMatch).Select(p => p.Text),
            _ => t => Merge(Pieces(regex, t), withPrevious: behavior == "MergedWithPrevious"),
        });
    }

    // MergedWithPrevious: each match ends the piece before it; MergedWithNext: each match starts the piece after it.
    private static IEnumerable<string> Merge(IEnumerable<(string Text, bool IsMatch)> pieces, bool withPrevious)
    {
        var current = new System.Text.StringBuilder();
        foreach (var (piece, isMatch) in pieces)
        {
            if (isMatch && withPrevious)
            {
                current.Append(piece);
                yield return current.ToString();
                current.Clear();
            }
            else if (isMatch)
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                }

                current.Clear().Append(piece);
            }
            else
            {
                current.Append(piece);
            }
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}
