using System.Text;

namespace Rag.Onnx.Generation;

/// <summary>Writes a <see cref="ChatPrompt"/>, keeping track of which text is the template's structure and which is message content.</summary>
internal sealed class ChatPromptBuilder
{
    private readonly StringBuilder _text = new();
    private readonly List<(int Start, int Length)> _content = [];

    /// <summary>Appends the template's own text (role markers, special tokens): it may become special tokens.</summary>
    public ChatPromptBuilder Structure(string text)
    {
        _text.Append(text);
        return this;
    }

    /// <summary>Appends message text (rules, history, sources, the question): it never becomes a special token.</summary>
    public ChatPromptBuilder Content(string text)
    {
        _content.Add((_text.Length, text.Length));
        _text.Append(text);
        return this;
    }

    /// <summary>The prompt written so far.</summary>
    public ChatPrompt Build() => new(_text.ToString(), _content);
}
