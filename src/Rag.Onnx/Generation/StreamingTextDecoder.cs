using System.Text;

namespace Rag.Onnx.Generation;

/// <summary>
/// Turns generated token ids into text as they arrive. UTF-8 sequences split across tokens (byte-fallback
/// <c>&lt;0xE2&gt;</c> tokens, byte-level pieces) are held until complete, so no broken character is ever emitted;
/// invalid bytes become U+FFFD. Special tokens produce no text.
/// </summary>
internal sealed class StreamingTextDecoder
{
    private readonly HfTokenizer _tokenizer;
    private readonly Decoder _utf8 = new UTF8Encoding(false, false).GetDecoder();
    private readonly StringBuilder _text = new();
    private bool _strip;
    private char[] _chars = new char[64];

    public StreamingTextDecoder(HfTokenizer tokenizer)
    {
        _tokenizer = tokenizer;
        _strip = tokenizer.StripLeadingSpace;
    }

    /// <summary>The text that token <paramref name="id"/> completes (possibly empty).</summary>
    public string Append(int id) => Convert(_tokenizer.TokenBytes(id), flush: false);

    /// <summary>Whatever is still pending at the end (an incomplete sequence becomes U+FFFD).</summary>
    public string Flush() => Convert([], flush: true);

    private string Convert(ReadOnlySpan<byte> bytes, bool flush)
    {
        var needed = _utf8.GetCharCount(bytes, flush);
        if (needed > _chars.Length)
        {
            _chars = new char[Math.Max(needed, _chars.Length * 2)];
        }

        var count = _utf8.GetChars(bytes, _chars, flush);
        _text.Clear().Append(_chars, 0, count);
        if (_strip && _text.Length > 0)
        {
            _strip = false;
            if (_text[0] == ' ')
            {
                _text.Remove(0, 1);
            }
        }

        return _text.ToString();
    }
}
