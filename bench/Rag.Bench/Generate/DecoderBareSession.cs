using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Rag.Onnx;
using Rag.Onnx.Generation;

namespace Rag.Bench.Generate;

/// <summary>
/// The floors that <c>rag bench generate</c> measures <see cref="OnnxChatClient"/> against: the same decoder in its own
/// session made with the client's session options, driven by plain greedy loops on prompt ids encoded beforehand.
/// <see cref="GreedyWithCache"/> feeds <c>present.*</c> back as <c>past_key_values.*</c>;
/// <see cref="GreedyRecomputed"/> has no cache and re-runs the whole sequence at every step.
/// Lives in the benchmark project; it sees the product's session, tokenizer and input types through InternalsVisibleTo("Rag.Bench").
/// </summary>
public sealed class DecoderBareSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly DecoderSession _decoder;
    private readonly HfTokenizer _tokenizer;
    private readonly ChatTemplateKind _template;
    private readonly RunOptions _runOptions = new();
    private readonly bool _hasPositionIds;
    private readonly bool _halfLogits;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly string[] _logitsOnly = ["logits"];
    private readonly OrtValue[] _emptyPast;
    private float[] _widened = [];

    private DecoderBareSession(DecoderSession decoder, HfTokenizer tokenizer, ModelConfig config, ChatTemplateKind template, string modelFile)
    {
        var session = decoder.Session;
        _session = session;
        _decoder = decoder;
        _tokenizer = tokenizer;
        _template = template;
        ModelFile = modelFile;
        MaxPositions = config.MaxPositions;
        _hasPositionIds = session.InputMetadata.ContainsKey("position_ids");
        _halfLogits = session.OutputMetadata["logits"].ElementDataType == TensorElementType.Float16;
        var past = Enumerable.Range(0, decoder.Layers).SelectMany(i => new[] { $"past_key_values.{i}.key", $"past_key_values.{i}.value" }).ToArray();
        _inputNames = [.. _hasPositionIds ? ["input_ids", "attention_mask", "position_ids"] : new[] { "input_ids", "attention_mask" }, .. past];
        _outputNames = ["logits", .. past.Select(n => "present." + n["past_key_values.".Length..])];
        _emptyPast = [.. past.Select(_ => OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, decoder.CacheType, [1, decoder.KeyValueHeads, 0, decoder.HeadDim]))];
    }

    /// <summary>The ONNX file in use.</summary>
    public string ModelFile { get; }

    /// <summary>Decoder layers.</summary>
    public int Layers => _decoder.Layers;

    /// <summary>The KV cache's element type: "Float16" or "Float".</summary>
    public string CacheType => _decoder.CacheType.ToString();

    /// <summary>Context length (max_position_embeddings or context_length); null when no file says.</summary>
    public int? MaxPositions { get; }

    /// <summary>
    /// Opens the model of <paramref name="options"/> as <see cref="OnnxChatClient"/> does (same file, provider and threads),
    /// rendering prompts in <paramref name="template"/> (pass the client's <see cref="OnnxChatClient.Template"/>).
    /// </summary>
    public static DecoderBareSession Open(OnnxChatClientOptions options, ChatTemplateKind template, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (template == ChatTemplateKind.Auto)
        {
            throw new ArgumentException("Pass a resolved template (the client's), not Auto.", nameof(template));
        }

        var folder = ModelFolder.Resolve(options.ModelPath);
        var tokenizer = HfTokenizer.Load(ModelFolder.Required(folder, "tokenizer.json"));
        var config = ModelConfig.Load(folder);
        var modelFile = ModelFolder.ModelFile(folder, options.ModelFile);

        // Opened as the client opens it; DecoderSession validates the layout and owns the session, the loops below call the session directly.
        var decoder = DecoderSession.Open(modelFile, options, config, logger ?? NullLogger.Instance);
        return new DecoderBareSession(decoder, tokenizer, config, template, modelFile);
    }

    /// <summary>The prompt ids of <paramref name="messages"/>, rendered and encoded exactly as the client does.</summary>
    public IReadOnlyList<int> EncodePrompt(IEnumerable<ChatMessage> messages) =>
        _tokenizer.Encode(ChatPromptRenderer.RenderPrompt(_template, messages));

    /// <summary>The text of <paramref name="ids"/> as the client streams it.</summary>
    public string Decode(IEnumerable<int> ids) => _tokenizer.Decode(ids);

    /// <summary>
    /// Greedy decoding with the KV cache: the prompt with an empty cache, then one token per run. Yields each id as
    /// soon as its run ends; nothing runs until enumerated.
    /// </summary>
    public IEnumerable<int> GreedyWithCache(IReadOnlyList<int> promptIds, int newTokens)
    {
        var prompt = Prompt(promptIds, newTokens);
        return CachedSteps(prompt, newTokens);
    }

    /// <summary>
    /// Greedy decoding without a cache: every step re-runs the whole sequence so far (empty past, only the logits read).
    /// Must yield the same ids as <see cref="GreedyWithCache"/>.
    /// </summary>
    public IEnumerable<int> GreedyRecomputed(IReadOnlyList<int> promptIds, int newTokens)
    {
        var prompt = Prompt(promptIds, newTokens);
        return RecomputedSteps(prompt, newTokens);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var value in _emptyPast)
        {
            value.Dispose();
        }

        _runOptions.Dispose();
        _decoder.Dispose();
    }

    private static long[] Prompt(IReadOnlyList<int> promptIds, int newTokens)
    {
        ArgumentNullException.ThrowIfNull(promptIds);
        ArgumentOutOfRangeException.ThrowIfZero(promptIds.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(newTokens);
        var sequence = new long[promptIds.Count + newTokens];
        for (var i = 0; i < promptIds.Count; i++)
        {
            sequence[i] = promptIds[i];
        }

        return sequence;
    }

    private IEnumerable<int> CachedSteps(long[] sequence, int newTokens)
    {
        var promptLength = sequence.Length - newTokens;
        var (mask, positions) = MaskAndPositions(sequence.Length);
        var inputs = new OrtValue[_inputNames.Length];
        IReadOnlyList<OrtValue> past = _emptyPast;
        var pastLength = 0;
        try
        {
            for (var produced = 0; produced < newTokens; produced++)
            {
                var start = produced == 0 ? 0 : pastLength;
                var length = produced == 0 ? promptLength : 1;
                var id = RunStep(sequence, mask, positions, start, length, pastLength, past, inputs, out var present, keepPresent: true);
                if (!ReferenceEquals(past, _emptyPast))
                {
                    Dispose(past);
                }

                past = present;
                pastLength = start + length;
                sequence[pastLength] = id;
                yield return id;
            }
        }
        finally
        {
            if (!ReferenceEquals(past, _emptyPast))
            {
                Dispose(past);
            }
        }
    }

    private IEnumerable<int> RecomputedSteps(long[] sequence, int newTokens)
    {
        var promptLength = sequence.Length - newTokens;
        var (mask, positions) = MaskAndPositions(sequence.Length);
        var inputs = new OrtValue[_inputNames.Length];
        for (var produced = 0; produced < newTokens; produced++)
        {
            var length = promptLength + produced;
            var id = RunStep(sequence, mask, positions, 0, length, 0, _emptyPast, inputs, out _, keepPresent: false);
            sequence[length] = id;
            yield return id;
        }
    }

    /// <summary>
    /// One session run on <c>sequence[start..start+length]</c> after <paramref name="pastLength"/> cached positions;
    /// returns the arg-max of the last row. Without <paramref name="keepPresent"/> only the logits are fetched.
    /// </summary>
    private int RunStep(
        long[] sequence,
        long[] mask,
        long[] positions,
        int start,
        int length,
        int pastLength,
        IReadOnlyList<OrtValue> past,
        OrtValue[] inputs,
        out OrtValue[] present,
        bool keepPresent)
    {
        var fixedInputs = _hasPositionIds ? 3 : 2;
        inputs[0] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, sequence.AsMemory(start, length), [1, length]);
        inputs[1] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, pastLength + length), [1, pastLength + length]);
        if (_hasPositionIds)
        {
            inputs[2] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, positions.AsMemory(pastLength, length), [1, length]);
        }

        for (var i = 0; i < past.Count; i++)
        {
            inputs[fixedInputs + i] = past[i];
        }

        try
        {
            var outputs = _session.Run(_runOptions, _inputNames, inputs, keepPresent ? _outputNames : _logitsOnly);
            using var logits = outputs[0];
            present = keepPresent ? [.. outputs.Skip(1)] : [];
            return ArgMaxOfLastRow(logits);
        }
        finally
        {
            for (var i = 0; i < fixedInputs; i++)
            {
                inputs[i].Dispose();
            }
        }
    }

    private int ArgMaxOfLastRow(OrtValue logits)
    {
        var shape = logits.GetTensorTypeAndShape();
        var vocab = (int)shape.Shape[^1];
        var offset = (int)(shape.ElementCount - vocab);
        if (!_halfLogits)
        {
            return TensorPrimitives.IndexOfMax(logits.GetTensorDataAsSpan<float>().Slice(offset, vocab));
        }

        // Comparing Half values is scalar software; widening to float first is vectorized and many times faster.
        if (_widened.Length != vocab)
        {
            _widened = new float[vocab];
        }

        TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<Float16, Half>(logits.GetTensorDataAsSpan<Float16>()).Slice(offset, vocab), _widened);
        return TensorPrimitives.IndexOfMax(_widened);
    }

    private static (long[] Mask, long[] Positions) MaskAndPositions(int length)
    {
        var mask = new long[length];
        Array.Fill(mask, 1L);
        var positions = new long[length];
        for (var i = 0; i < length; i++)
        {
            positions[i] = i;
        }

        return (mask, positions);
    }

    private static void Dispose(IReadOnlyList<OrtValue> values)
    {
        foreach (var value in values)
        {
            value.Dispose();
        }
    }
}
