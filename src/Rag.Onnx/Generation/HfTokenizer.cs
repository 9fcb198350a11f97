using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rag.Onnx.Generation;

/// <summary>
/// A Hugging Face <c>tokenizer.json</c> with a BPE model: byte-level BPE (GPT-2, SmolLM, Qwen, Llama-3) and
/// SentencePiece-BPE with byte fallback (Llama-2: ▁ metaspace via Prepend/Replace normalizers).
/// Added (special) tokens are matched in the raw text before normalisation and BPE, longest first.
/// </summary>
/// <remarks>
/// Hand-written rather than Microsoft.ML.Tokenizers 2.0.1: its <c>BpeTokenizer</c> has no <c>byte_fallback</c>
/// (a Llama-2 tokenizer.json would turn every emoji or rare character into &lt;unk&gt; and could not round-trip),
/// and its <c>LlamaTokenizer</c>/<c>SentencePieceTokenizer</c> only read the SentencePiece protobuf
/// (<c>tokenizer.model</c>), which Optimum / transformers.js exports do not ship. One implementation for both kinds
/// also gives the streaming decoder the raw bytes of every token. The byte-level path is cross-checked against
/// <c>BpeTokenizer</c> in the tests.
/// </remarks>
internal sealed class HfTokenizer
{
    private readonly Dictionary<string, int> _vocab;
    private readonly string[] _idToToken;
    private readonly BpeMerger _merger;
    private readonly TokenizerJsonNormalizer _normalizer;
    private readonly PreTokenizer _preTokenizer;
    private readonly TokenDecoderSpec _decoder;
    private readonly (string Content, int Id)[] _addedByLength;
    private readonly HashSet<int> _specialIds;
    private readonly int[] _byteIds;
    private readonly int? _unkId;
    private readonly bool _fuseUnknown;
    private readonly bool _ignoreMerges;
    private readonly int[] _prefixIds;
    private readonly HashSet<char> _addedFirstChars;

    private HfTokenizer(JsonElement root)
    {
        var model = root.GetProperty("model");
        var type = model.TryGetProperty("type", out var t) ? t.GetString() : "BPE";
        if (type != "BPE")
        {
            throw new NotSupportedException($"model.type '{type}' is not supported (only BPE).");
        }

        _vocab = [];
        foreach (var entry in model.GetProperty("vocab").EnumerateObject())
        {
            _vocab[entry.Name] = entry.Value.GetInt32();
        }

        var added = new List<(string Content, int Id, bool Special)>();
        if (root.TryGetProperty("added_tokens", out var addedTokens) && addedTokens.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in addedTokens.EnumerateArray())
            {
                var content = a.GetProperty("content").GetString() ?? string.Empty;
                var special = a.TryGetProperty("special", out var s) && s.ValueKind == JsonValueKind.True;
                added.Add((content, a.GetProperty("id").GetInt32(), special));
            }
        }

        var size = Math.Max(_vocab.Count == 0 ? 0 : _vocab.Values.Max() + 1, added.Count == 0 ? 0 : added.Max(a => a.Id) + 1);
        _idToToken = new string[size];
        foreach (var (token, id) in _vocab)
        {
            _idToToken[id] = token;
        }

        foreach (var (content, id, _) in added)
        {
            _idToToken[id] = content;
        }

        _addedByLength = [.. added.Where(a => a.Content.Length > 0).OrderByDescending(a => a.Content.Length).Select(a => (a.Content, a.Id))];
        _addedFirstChars = [.. _addedByLength.Select(a => a.Content[0])];
        _specialIds = [.. added.Where(a => a.Special).Select(a => a.Id)];
        _merger = BpeMerger.FromJson(model.GetProperty("merges"), _vocab);
        _normalizer = TokenizerJsonNormalizer.Parse(root.TryGetProperty("normalizer", out var n) ? n : default);
        _preTokenizer = PreTokenizer.Parse(root.TryGetProperty("pre_tokenizer", out var p) ? p : default);
        _decoder = TokenDecoderSpec.Parse(root.TryGetProperty("decoder", out var d) ? d : default);
        _unkId = model.TryGetProperty("unk_token", out var unk) && unk.GetString() is { } u && _vocab.TryGetValue(u, out var unkId) ? unkId : null;
        _fuseUnknown = model.TryGetProperty("fuse_unk", out var fuse) && fuse.ValueKind == JsonValueKind.True;
        _ignoreMerges = model.TryGetProperty("ignore_merges", out var ignore) && ignore.ValueKind == JsonValueKind.True;
        var byteFallback = model.TryGetProperty("byte_fallback", out var bf) && bf.ValueKind == JsonValueKind.True;
        _byteIds = byteFallback ? ReadByteIds() : [];
        _prefixIds = ReadPostProcessorPrefix(root);
    }

    /// <summary>Whether the vocabulary is in GPT-2's byte alphabet.</summary>
    public bool IsByteLevel => _preTokenizer.ByteLevel || _decoder.ByteLevel;

    /// <summary>SentencePiece decoders drop the one space the normaliser put in front of the text.</summary>
    public bool StripLeadingSpace => _decoder.StripLeadingSpace;

    /// <summary>Number of ids (vocabulary plus added tokens).</summary>
    public int Count => _idToToken.Length;

    /// <summary>Reads <paramref name="path"/>; errors name the file and what is wrong with it.</summary>
    public static HfTokenizer Load(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return new HfTokenizer(doc.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or NotSupportedException or FormatException)
        {
            throw new InvalidDataException($"'{path}' is not a supported tokenizer.json: {ex.Message}", ex);
        }
    }

    /// <summary>The id of an exact token (vocabulary or added), or null.</summary>
    public int? TokenToId(string token)
    {
        foreach (var (content, id) in _addedByLength)
        {
            if (content == token)
            {
                return id;
            }
        }

        return _vocab.TryGetValue(token, out var v) ? v : null;
    }

    /// <summary>The token string of <paramref name="id"/> (empty when unknown).</summary>
    public string IdToToken(int id) => (uint)id < (uint)_idToToken.Length ? _idToToken[id] ?? string.Empty : string.Empty;

    /// <summary>Whether <paramref name="id"/> is a special added token (never decoded to text).</summary>
    public bool IsSpecial(int id) => _specialIds.Contains(id);

    /// <summary>
    /// Token ids of <paramref name="text"/>; with <paramref name="addSpecialTokens"/> the post-processor's prefix
    /// (Llama-2's <c>&lt;s&gt;</c>) comes first. Added tokens written in the text map to their single id.
    /// </summary>
    public List<int> Encode(string text, bool addSpecialTokens = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Encode(text, addSpecialTokens, null);
    }

    /// <summary>
    /// Token ids of a chat prompt: special tokens come only from the template's structure. Inside message content
    /// (documents, history, the question) the text of a special token such as <c>&lt;|im_end|&gt;</c> is encoded as
    /// ordinary text, so no source can end a turn or open a system turn of its own. (Hugging Face's
    /// <c>split_special_tokens</c>; added tokens that are not special still match, as they do there.)
    /// </summary>
    public List<int> Encode(ChatPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return Encode(prompt.Text, addSpecialTokens: false, prompt);
    }

    // Added tokens are split out of the text first (with a prompt, special ones only from its structure), the rest goes through BPE.
    private List<int> Encode(string text, bool addSpecialTokens, ChatPrompt? prompt)
    {
        var ids = new List<int>(text.Length / 3 + 4);
        if (addSpecialTokens)
        {
            ids.AddRange(_prefixIds);
        }

        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var match = _addedFirstChars.Contains(text[i]) ? MatchAdded(text, i, prompt) : null;
            if (match is { } m)
            {
                EncodeSegment(text[start..i], start == 0, ids);
                ids.Add(m.Id);
                i += m.Length;
                start = i;
            }
            else
            {
                i++;
            }
        }

        EncodeSegment(text[start..], start == 0, ids);
        return ids;
    }

    /// <summary>The text of <paramref name="ids"/>; special tokens are skipped.</summary>
    public string Decode(IEnumerable<int> ids)
    {
        var decoder = new StreamingTextDecoder(this);
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            text.Append(decoder.Append(id));
        }

        return text.Append(decoder.Flush()).ToString();
    }

    /// <summary>The UTF-8 bytes token <paramref name="id"/> stands for; none for special tokens.</summary>
    public byte[] TokenBytes(int id)
    {
        if (IsSpecial(id) || (uint)id >= (uint)_idToToken.Length || _idToToken[id] is null)
        {
            return [];
        }

        return _decoder.Bytes(_idToToken[id]);
    }

    private int[] ReadByteIds()
    {
        var ids = new int[256];
        for (var b = 0; b < 256; b++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"<0x{b:X2}>");
            ids[b] = _vocab.TryGetValue(name, out var id) ? id : -1;
        }

        return ids;
    }

    // TemplateProcessing "single": the special tokens before the sequence (Llama-2: <s>). Others add nothing.
    private int[] ReadPostProcessorPrefix(JsonElement root)
    {
        if (!root.TryGetProperty("post_processor", out var post) || post.ValueKind != JsonValueKind.Object
            || post.GetProperty("type").GetString() != "TemplateProcessing")
        {
            return [];
        }

        var prefix = new List<int>();
        foreach (var item in post.GetProperty("single").EnumerateArray())
        {
            if (!item.TryGetProperty("SpecialToken", out var special))
            {
                break;
            }

            var name = special.GetProperty("id").GetString() ?? string.Empty;
            if (TokenToId(name) is { } id)
            {
                prefix.Add(id);
            }
        }

        return [.. prefix];
    }

    // Longest added token at index; with a prompt, a special token only where no character of it is message content.
    private (int Id, int Length)? MatchAdded(string text, int index, ChatPrompt? prompt)
    {
        foreach (var (content, id) in _addedByLength)
        {
            if (string.CompareOrdinal(text, index, content, 0, content.Length) == 0
                && (prompt is null || !_specialIds.Contains(id) || !prompt.OverlapsContent(index, content.Length)))
            {
                return (id, content.Length);
            }
        }

        return null;
    }

    private void EncodeSegment(string segment, bool atInputStart, List<int> ids)
    {
        if (segment.Length == 0)
        {
            return;
        }

        var normalized = _normalizer.Apply(segment);
        foreach (var word in _preTokenizer.Split(normalized, atInputStart))
        {
            EncodeWord(word, ids);
        }
    }

    private void EncodeWord(string word, List<int> ids)
    {
        if (_ignoreMerges && _vocab.TryGetValue(word, out var whole))
        {
            ids.Add(whole);
            return;
        }

        var symbols = new List<int>(word.Length);
        var lastWasUnknown = false;
        for (var i = 0; i < word.Length; i += char.IsSurrogatePair(word, i) ? 2 : 1)
        {
            var ch = word.Substring(i, char.IsSurrogatePair(word, i) ? 2 : 1);
            if (_vocab.TryGetValue(ch, out var id))
            {
                symbols.Add(id);
                lastWasUnknown = false;
            }
            else if (_byteIds.Length > 0 && Encoding.UTF8.GetBytes(ch) is var bytes && bytes.All(b => _byteIds[b] >= 0))
            {
                symbols.AddRange(bytes.Select(b => _byteIds[b]));
                lastWasUnknown = false;
            }
            else if (_unkId is { } unk)
            {
                if (!(_fuseUnknown && lastWasUnknown))
                {
                    symbols.Add(unk);
                }

                lastWasUnknown = true;
            }
            else
            {
                throw new InvalidOperationException($"character U+{char.ConvertToUtf32(ch, 0):X4} is not in the vocabulary and the tokenizer has no unk_token.");
            }
        }

        _merger.Merge(symbols);
        ids.AddRange(symbols);
    }
}
