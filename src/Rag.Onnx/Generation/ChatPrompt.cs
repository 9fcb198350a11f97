namespace Rag.Onnx.Generation;

/// <summary>
/// A rendered chat prompt: its text, and which parts of it are message content (system rules, history, sources,
/// the question) rather than the template's own structure. Only the structure may become special tokens
/// (<see cref="HfTokenizer.Encode(ChatPrompt)"/>): content that spells <c>&lt;|im_end|&gt;</c> stays text.
/// </summary>
internal sealed class ChatPrompt
{
    private readonly (int Start, int Length)[] _content;

    /// <summary>Creates a prompt; <paramref name="content"/> are the content spans of <paramref name="text"/>, in order.</summary>
    public ChatPrompt(string text, IEnumerable<(int Start, int Length)> content)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(content);
        Text = text;
        _content = [.. content.Where(c => c.Length > 0)];
        foreach (var (start, length) in _content)
        {
            if (start < 0 || length < 0 || start + length > text.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(content), $"Content span {start}+{length} lies outside the {text.Length}-character prompt.");
            }
        }
    }

    /// <summary>The prompt text.</summary>
    public string Text { get; }

    /// <summary>The content spans (start, length), in order.</summary>
    public IReadOnlyList<(int Start, int Length)> Content => _content;

    /// <summary>True when any character of <c>Text[start..(start + length)]</c> belongs to message content.</summary>
    public bool OverlapsContent(int start, int length)
    {
        var end = start + length;
        foreach (var span in _content)
        {
            if (span.Start < end && start < span.Start + span.Length)
            {
                return true;
            }
        }

        return false;
    }
}
