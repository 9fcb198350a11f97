using System.Text;
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

    /// <summary>The prompt for <paramref name="messages"/>, ending where the assistant's reply begins.</summary>
    public static string Render(ChatTemplateKind kind, IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        return kind switch
        {
            ChatTemplateKind.ChatMl => ChatMl(list),
            ChatTemplateKind.Llama2 => Llama2(list),
            ChatTemplateKind.Llama3 => Llama3(list),
            ChatTemplateKind.Phi3 => Phi3(list),
            ChatTemplateKind.Gemma => Gemma(list),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Resolve Auto first."),
        };
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

    private static string ChatMl(IReadOnlyList<ChatMessage> messages)
    {
        var text = new StringBuilder();
        foreach (var m in messages)
        {
            text.Append("<|im_start|>").Append(m.Role.Value).Append('\n').Append(m.Text).Append("<|im_end|>\n");
        }

        return text.Append("<|im_start|>assistant\n").ToString();
    }

    // Hugging Face's Llama-2 chat template: the first system message is folded into the first user turn.
    private static string Llama2(IReadOnlyList<ChatMessage> messages)
    {
        var text = new StringBuilder();
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
            var content = m.Text;
            if (i == start && system is not null)
            {
                content = "<<SYS>>\n" + system + "\n<</SYS>>\n\n" + content;
            }

            if (m.Role == ChatRole.Assistant)
            {
                text.Append(' ').Append(content.Trim()).Append(" </s>");
            }
            else if (m.Role == ChatRole.System)
            {
                text.Append("<<SYS>>\n").Append(content.Trim()).Append("\n<</SYS>>\n\n");
            }
            else
            {
                text.Append("<s>[INST] ").Append(content.Trim()).Append(" [/INST]");
            }
        }

        return text.ToString();
    }

    private static string Llama3(IReadOnlyList<ChatMessage> messages)
    {
        var text = new StringBuilder("<|begin_of_text|>");
        foreach (var m in messages)
        {
            text.Append("<|start_header_id|>").Append(m.Role.Value).Append("<|end_header_id|>\n\n")
                .Append(m.Text.Trim()).Append("<|eot_id|>");
        }

        return text.Append("<|start_header_id|>assistant<|end_header_id|>\n\n").ToString();
    }

    private static string Phi3(IReadOnlyList<ChatMessage> messages)
    {
        var text = new StringBuilder();
        foreach (var m in messages)
        {
            text.Append("<|").Append(m.Role.Value).Append("|>\n").Append(m.Text).Append("<|end|>\n");
        }

        return text.Append("<|assistant|>\n").ToString();
    }

    // Gemma has no system role: its content goes in front of the first user turn (Gemma 3's template).
    private static string Gemma(IReadOnlyList<ChatMessage> messages)
    {
        var text = new StringBuilder("<bos>");
        var prefix = string.Empty;
        var start = 0;
        if (messages.Count > 0 && messages[0].Role == ChatRole.System)
        {
            prefix = messages[0].Text.Trim() + "\n\n";
            start = 1;
        }

        for (var i = start; i < messages.Count; i++)
        {
            var m = messages[i];
            var role = m.Role == ChatRole.Assistant ? "model" : m.Role.Value;
            text.Append("<start_of_turn>").Append(role).Append('\n')
                .Append(i == start ? prefix : string.Empty).Append(m.Text.Trim()).Append("<end_of_turn>\n");
        }

        return text.Append("<start_of_turn>model\n").ToString();
    }
}
