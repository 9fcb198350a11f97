namespace Rag.Onnx.Generation;

/// <summary>How chat messages are rendered into the model's prompt text (no Jinja: a fixed set of known formats).</summary>
public enum ChatTemplateKind
{
    /// <summary>Detected from tokenizer_config.json's <c>chat_template</c> text and the special tokens present.</summary>
    Auto,

    /// <summary><c>&lt;|im_start|&gt;role\n…&lt;|im_end|&gt;\n</c> (Qwen2/2.5, SmolLM2, many fine-tunes).</summary>
    ChatMl,

    /// <summary><c>&lt;s&gt;[INST] &lt;&lt;SYS&gt;&gt;…&lt;&lt;/SYS&gt;&gt; … [/INST]</c> (Llama-2 chat).</summary>
    Llama2,

    /// <summary><c>&lt;|start_header_id|&gt;role&lt;|end_header_id|&gt;\n\n…&lt;|eot_id|&gt;</c> (Llama-3.x).</summary>
    Llama3,

    /// <summary><c>&lt;|user|&gt;\n…&lt;|end|&gt;\n&lt;|assistant|&gt;\n</c> (Phi-3 / Phi-3.5 instruct).</summary>
    Phi3,

    /// <summary><c>&lt;start_of_turn&gt;user\n…&lt;end_of_turn&gt;\n&lt;start_of_turn&gt;model\n</c> (Gemma 2/3; system folded into the first user turn).</summary>
    Gemma,
}
