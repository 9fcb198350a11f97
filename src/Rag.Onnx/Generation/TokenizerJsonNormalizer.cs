using System.Text;
using System.Text.Json;

namespace Rag.Onnx.Generation;

/// <summary>The <c>normalizer</c> of a tokenizer.json: Sequence, Prepend, Replace (string pattern), NFC, NFKC.</summary>
internal sealed class TokenizerJsonNormalizer
{
    private readonly List<Func<string, string>> _steps = [];

    private TokenizerJsonNormalizer()
    {
    }

    public static TokenizerJsonNormalizer Parse(JsonElement element)
    {
        var normalizer = new TokenizerJsonNormalizer();
        if (element.ValueKind == JsonValueKind.Object)
        {
            normalizer.Add(element);
        }

        return normalizer;
    }

    public string Apply(string text)
    {
        foreach (var step in _steps)
        {
            text = step(text);
        }

        return text;
    }

    private void Add(JsonElement spec)
    {
        var type = spec.GetProperty("type").GetString();
        switch (type)
        {
            case "Sequence":
                foreach (var inner in spec.GetProperty("normalizers").EnumerateArray())
                {
                    Add(inner);
                }

                break;
            case "Prepend":
                var prefix = spec.GetProperty("prepend").GetString() ?? string.Empty;
                // Hugging Face prepends only to non-empty text.
                _steps.Add(t => t.Length == 0 ? t : prefix + t);
                break;
            case "Replace":
                var pattern = spec.GetProperty("pattern");
                if (!pattern.TryGetProperty("String", out var from))
                {
                    throw new NotSupportedException("tokenizer.json: only string patterns are supported in a Replace normalizer.");
                }

                var oldValue = from.GetString() ?? string.Empty;
                var newValue = spec.GetProperty("content").GetString() ?? string.Empty;
                _steps.Add(t => t.Replace(oldValue, newValue, StringComparison.Ordinal));
                break;
            case "NFC":
                _steps.Add(t => t.Normalize(NormalizationForm.FormC));
                break;
            case "NFKC":
                _steps.Add(t => t.Normalize(NormalizationForm.FormKC));
                break;
            default:
                throw new NotSupportedException($"tokenizer.json: normalizer '{type}' is not supported.");
        }
    }
}
