using Microsoft.Extensions.AI;

namespace Rag.Onnx.Generation;

/// <summary>
/// Renders chat messages the way the model's own Jinja template would, for the known formats only.
/// The text includes the model's BOS where the template writes one, so it is encoded without adding special tokens.
/// </summary>
internal static class ChatPromptRenderer
{
    // Marker → format, most specific first ("[INST]" last: other templates may mention it in comments).
    private static readonly (string Marker, ChatTemplateKind Kind)[] s_markers =
    [
        ("<|im_start|>", ChatTemplateKind.ChatMl),
        ("<|start_header_id|>", ChatTemplateKind.Llama3),
        ("<start_of_turn>", ChatTemplateKind.Gemma),
        ("<|assistant|>", ChatTemplateKind.Phi3),
        ("[INST]", ChatTemplateKind.Llama2),
    ];

    /// <summary>The token that ends an assistant turn in <paramref name="kind"/> (a stop token).</summary>
    public static IReadOnlyList<string> EndTokens(ChatTemplateKind kind) => kind switch
    {
        ChatTemplateKind.ChatMl => ["<|im_end|>"],
        ChatTemplateKind.Llama2 => ["</s>"],
        ChatTemplateKind.Llama3 => ["<|eot_id|>", "<|end_of_text|>"],
        ChatTemplateKind.Phi3 => ["<|end|>", "<|endoftext|>"],
        ChatTemplateKind.Gemma => ["<end_of_turn>", "<eos>"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Resolve Auto first."),
    };

    /// <summary>The prompt text for <paramref name="messages"/>, ending where the assistant's reply begins.</summary>
    public static string Render(ChatTemplateKind kind, IEnumerable<ChatMessage> messages) => RenderPrompt(kind, messages).Text;

    /// <summary>
    /// The prompt for <paramref name="messages"/>, ending where the assistant's reply begins, with the message text
    /// marked as content: encoded with <see cref="HfTokenizer.Encode(ChatPrompt)"/>, only the template's own markers
    /// become special tokens, never a document, history or question that spells one.
    /// </summary>
    public static ChatPrompt RenderPrompt(ChatTemplateKind kind, IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var prompt = new ChatPromptBuilder();
        switch (kind)
        {
            case ChatTemplateKind.ChatMl:
                ChatMl(prompt, list);
                break;
            case ChatTemplateKind.Llama2:
                Llama2(prompt, list);
                break;
            case ChatTemplateKind.Llama3:
                Llama3(prompt, list);
                break;
            case ChatTemplateKind.Phi3:
                Phi3(prompt, list);
                break;
            case ChatTemplateKind.Gemma:
                Gemma(prompt, list);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Resolve Auto first.");
        }

        return prompt.Build();
    }

    /// <summary>
    /// Picks the format from the marker strings in tokenizer_config.json's <c>chat_template</c>, else (no template)
    /// from the special tokens the tokenizer knows; null when neither says (the caller asks for an explicit choice).
    /// </summary>
    public static ChatTemplateKind? Detect(string? chatTemplate, Func<string, bool> hasToken)
    {
        ArgumentNullException.ThrowIfNull(hasToken);
        if (chatTemplate is { Length: > 0 })
        {
            return s_markers.FirstOrDefault(m => chatTemplate.Contains(m.Marker, StringComparison.Ordinal)) is { Marker: not null } found
                ? found.Kind
                : null;
        }

        return s_markers.FirstOrDefault(m => m.Marker.StartsWith('<') && hasToken(m.Marker)) is { Marker: not null } byToken
            ? byToken.Kind
            : null;
    }

    private static void ChatMl(ChatPromptBuilder prompt, IReadOnlyList<ChatMessage> messages)
    {
        foreach (var m in messages)
        {
            prompt.Structure("<|im_start|>").Structure(m.Role.Value).Structure("\n").Content(m.Text).Structure("<|im_end|>\n");
        }

        prompt.Structure("<|im_start|>assistant\n");
    }

    // Hugging Face's Llama-2 chat template: the first system message is folded into the first user turn.
    private static void Llama2(ChatPromptBuilder prompt, IReadOnlyList<ChatMessage> messages)
    {
        string? system = null;
        var start = 0;
        if (messages.Count > 0 && messages[0].Role == ChatRole.System)
        {
            system = messages[0].Text;
            start = 1;
        }

        for (var i = start; i < messages.Count; i++)
        {
            var m = messages[i];
            (string Text, bool IsContent)[] content = i == start && system is not null
                ? [("<<SYS>>\n", false), (system, true), ("\n<</SYS>>\n\n", false), (m.Text, true)]
                : [(m.Text, true)];
            if (m.Role == ChatRole.Assistant)
            {
                prompt.Structure(" ");
                AppendTrimmed(prompt, content);
                prompt.Structure(" </s>");
            }
            else if (m.Role == ChatRole.System)
            {
                prompt.Structure("<<SYS>>\n");
                AppendTrimmed(prompt, content);
                prompt.Structure("\n<</SYS>>\n\n");
            }
            else
            {
                prompt.Structure("<s>[INST] ");
                AppendTrimmed(prompt, content);
                prompt.Structure(" [/INST]");
            }
        }
    }

    private static void Llama3(ChatPromptBuilder prompt, IReadOnlyList<ChatMessage> messages)
    {
        prompt.Structure("<|begin_of_text|>");
        foreach (var m in messages)
        {
            prompt.Structure("<|start_header_id|>").Structure(m.Role.Value).Structure("<|end_header_id|>\n\n")
                .Content(m.Text.Trim()).Structure("<|eot_id|>");
        }

        prompt.Structure("<|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    private static void Phi3(ChatPromptBuilder prompt, IReadOnlyList<ChatMessage> messages)
    {
        foreach (var m in messages)
        {
            prompt.Structure("<|").Structure(m.Role.Value).Structure("|>\n").Content(m.Text).Structure("<|end|>\n");
        }

        prompt.Structure("<|assistant|>\n");
    }

    // Gemma has no system role: its content goes in front of the first user turn (Gemma 3's template).
    private static void Gemma(ChatPromptBuilder prompt, IReadOnlyList<ChatMessage> messages)
    {
        prompt.Structure("<bos>");
        string? system = null;
        var start = 0;
        if (messages.Count > 0 && messages[0].Role == ChatRole.System)
        {
            system = messages[0].Text.Trim();
            start = 1;
        }

        for (var i = start; i < messages.Count; i++)
        {
            var m = messages[i];
            var role = m.Role == ChatRole.Assistant ? "model" : m.Role.Value;
            prompt.Structure("<start_of_turn>").Structure(role).Structure("\n");
            if (i == start && system is not null)
            {
                prompt.Content(system).Structure("\n\n");
            }

            prompt.Content(m.Text.Trim()).Structure("<end_of_turn>\n");
        }

        prompt.Structure("<start_of_turn>model\n");
    }

    /// <summary>Appends <paramref name="parts"/> as one string with its leading and trailing white space trimmed (what <c>string.Trim</c> of the whole would give).</summary>
    private static void AppendTrimmed(ChatPromptBuilder prompt, (string Text, bool IsContent)[] parts)
    {
        var joined = string.Concat(parts.Select(p => p.Text));
        var from = joined.Length - joined.TrimStart().Length;
        var to = from + joined.Trim().Length;
        var offset = 0;
        foreach (var (text, isContent) in parts)
        {
            var start = Math.Max(from, offset) - offset;
            var end = Math.Min(to, offset + text.Length) - offset;
            if (end > start)
            {
                _ = isContent ? prompt.Content(text[start..end]) : prompt.Structure(text[start..end]);
            }

            offset += text.Length;
        }
    }
}
