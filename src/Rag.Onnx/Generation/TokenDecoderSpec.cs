using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rag.Onnx.Generation;

/// <summary>
/// The <c>decoder</c> of a tokenizer.json reduced to what streaming needs: the bytes of each token
/// (ByteLevel; or Replace + ByteFallback + Fuse + Strip, SentencePiece style) and whether one leading space is dropped.
/// </summary>
internal sealed class TokenDecoderSpec
{
    private readonly List<(string From, string To)> _replacements = [];

    private TokenDecoderSpec()
    {
    }

    public bool ByteLevel { get; private set; }

    public bool ByteFallback { get; private set; }

    /// <summary>SentencePiece's <c>Strip(start: 1)</c>: the space the normaliser prepended is not part of the text.</summary>
    public bool StripLeadingSpace { get; private set; }

    public static TokenDecoderSpec Parse(JsonElement element)
    {
        var spec = new TokenDecoderSpec();
        if (element.ValueKind == JsonValueKind.Object)
        {
            spec.Add(element);
        }

        return spec;
    }

    public byte[] Bytes(string token)
    {
        if (ByteLevel)
        {
            return ByteLevelAlphabet.Decode(token);
        }

        if (ByteFallback && token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal) && token[5] == '>'
            && byte.TryParse(token.AsSpan(3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
        {
            return [b];
        }

        foreach (var (from, to) in _replacements)
        {
            token = token.Replace(from, to, StringComparison.Ordinal);
        }

        return Encoding.UTF8.GetBytes(token);
    }

    private void Add(JsonElement spec)
    {
        var type = spec.GetProperty("type").GetString();
        switch (type)
        {
            case "Sequence":
                foreach (var inner in spec.GetProperty("decoders").EnumerateArray())
                {
                    Add(inner);
                }

                break;
            case "ByteLevel":
                ByteLevel = true;
                break;
            case "ByteFallback":
                ByteFallback = true;
                break;
            case "Fuse":
                break;
            case "Replace" when spec.GetProperty("pattern").TryGetProperty("String", out var from):
                _replacements.Add((from.GetString() ?? string.Empty, spec.GetProperty("content").GetString() ?? string.Empty));
                break;
            case "Metaspace":
                var replacement = spec.TryGetProperty("replacement", out var r) ? r.GetString() ?? "\u2581" : "\u2581";
                _replacements.Add((replacement, " "));
                var scheme = spec.TryGetProperty("prepend_scheme", out var ps) ? ps.GetString() : null;
                StripLeadingSpace = scheme is null or "always" or "first";
                break;
            case "Strip":
                var content = spec.GetProperty("content").GetString();
                StripLeadingSpace = content == " " && spec.GetProperty("start").GetInt32() > 0;
                break;
            default:
                throw new NotSupportedException($"tokenizer.json: decoder '{type}' is not supported.");
        }
    }
}
