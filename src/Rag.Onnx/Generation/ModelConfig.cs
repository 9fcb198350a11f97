using System.Text.Json;

namespace Rag.Onnx.Generation;

/// <summary>
/// What the JSON files of an export say about the decoder: config.json (transformers), else genai_config.json
/// (onnxruntime-genai); generation_config.json and tokenizer_config.json add eos ids and the chat template.
/// </summary>
internal sealed class ModelConfig
{
    public int? Layers { get; private init; }

    public int? KeyValueHeads { get; private init; }

    public int? HeadDim { get; private init; }

    /// <summary>Context length (max_position_embeddings); null when no file says.</summary>
    public int? MaxPositions { get; private init; }

    /// <summary>Ids that end generation (eos_token_id may be an int or a list in each file).</summary>
    public IReadOnlySet<int> EosIds { get; private init; } = new HashSet<int>();

    /// <summary>The eos token's text in tokenizer_config.json, mapped to an id by the caller.</summary>
    public string? EosToken { get; private init; }

    /// <summary>tokenizer_config.json's Jinja chat_template (only inspected, never executed).</summary>
    public string? ChatTemplate { get; private init; }

    public static ModelConfig Load(string folder)
    {
        var config = Read(ModelFolder.Optional(folder, "config.json"));
        var genai = Read(ModelFolder.Optional(folder, "genai_config.json"));
        var generation = Read(ModelFolder.Optional(folder, "generation_config.json"));
        var tokenizer = Read(ModelFolder.Optional(folder, "tokenizer_config.json"));
        var eos = new HashSet<int>();
        AddIds(generation, "eos_token_id", eos);
        AddIds(config, "eos_token_id", eos);

        // Text models nest their settings under text_config in some multimodal exports.
        if (config is { } c && c.TryGetProperty("text_config", out var text) && text.ValueKind == JsonValueKind.Object)
        {
            config = text;
        }

        if (config is { } cfg)
        {
            var heads = Int(cfg, "num_attention_heads");
            var hidden = Int(cfg, "hidden_size");
            return new ModelConfig
            {
                Layers = Int(cfg, "num_hidden_layers"),
                KeyValueHeads = Int(cfg, "num_key_value_heads") ?? heads,
                HeadDim = Int(cfg, "head_dim") ?? (heads > 0 && hidden is { } h ? h / heads : null),
                MaxPositions = Int(cfg, "max_position_embeddings") ?? Int(cfg, "n_positions"),
                EosIds = eos,
                EosToken = TokenText(tokenizer, "eos_token"),
                ChatTemplate = Text(tokenizer, "chat_template"),
            };
        }

        // genai_config.json's eos ids are not trusted (exporters often leave placeholders); the template's end
        // token and tokenizer_config.json's eos_token cover them.
        var decoder = genai is { } g && g.TryGetProperty("model", out var m) ? m : (JsonElement?)null;
        var inner = decoder is { } d && d.TryGetProperty("decoder", out var dd) ? dd : (JsonElement?)null;
        return new ModelConfig
        {
            Layers = inner is { } i1 ? Int(i1, "num_hidden_layers") : null,
            KeyValueHeads = inner is { } i2 ? Int(i2, "num_key_value_heads") : null,
            HeadDim = inner is { } i3 ? Int(i3, "head_size") : null,
            MaxPositions = decoder is { } d2 ? Int(d2, "context_length") : null,
            EosIds = eos,
            EosToken = TokenText(tokenizer, "eos_token"),
            ChatTemplate = Text(tokenizer, "chat_template"),
        };
    }

    private static JsonElement? Read(string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.Clone()
                : throw new InvalidDataException($"'{path}' is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON: {ex.Message}", ex);
        }
    }

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static string? Text(JsonElement? e, string name) =>
        e is { } o && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    // "eos_token": "</s>" or {"content": "</s>", ...}.
    private static string? TokenText(JsonElement? e, string name)
    {
        if (e is not { } o || !o.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Object when v.TryGetProperty("content", out var c) => c.GetString(),
            _ => null,
        };
    }

    private static void AddIds(JsonElement? e, string name, HashSet<int> ids)
    {
        if (e is not { } o || !o.TryGetProperty(name, out var v))
        {
            return;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var single))
        {
            ids.Add(single);
        }
        else if (v.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in v.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var id))
                {
                    ids.Add(id);
                }
            }
        }
    }
}
