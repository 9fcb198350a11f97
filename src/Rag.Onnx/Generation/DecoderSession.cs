using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Rag.Onnx.SentenceEmbeddings;

namespace Rag.Onnx.Generation;

/// <summary>
/// One decoder <see cref="InferenceSession"/> in the Optimum layout: <c>input_ids</c>, <c>attention_mask</c>,
/// optional <c>position_ids</c>, <c>past_key_values.N.key|value</c> in, <c>logits</c> and <c>present.N.key|value</c> out.
/// The cache element type (float16 or float32) is read from the model's input metadata.
/// </summary>
internal sealed class DecoderSession : IDisposable
{
    private const string PastPrefix = "past_key_values.";
    private readonly InferenceSession _session;
    private readonly string[] _pastNames;
    private readonly string[] _outputNames;
    private readonly TensorElementType _logitsType;
    private readonly bool _hasPositionIds;

    // Reused by every step (steps of one session never overlap: the client runs one generation at a time).
    private readonly RunOptions _runOptions = new();

    public DecoderSession(InferenceSession session, ModelConfig config, string modelFile)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(config);
        _session = session;
        var inputs = session.InputMetadata;
        foreach (var required in new[] { "input_ids", "attention_mask" })
        {
            if (!inputs.ContainsKey(required))
            {
                throw Invalid(modelFile, $"has no '{required}' input (inputs: {string.Join(", ", inputs.Keys)})");
            }
        }

        _hasPositionIds = inputs.ContainsKey("position_ids");
        var unknown = inputs.Keys.Where(k => k is not ("input_ids" or "attention_mask" or "position_ids") && !k.StartsWith(PastPrefix, StringComparison.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw Invalid(modelFile, $"has inputs this runtime does not feed: {string.Join(", ", unknown)}");
        }

        Layers = inputs.Keys.Count(k => k.StartsWith(PastPrefix, StringComparison.Ordinal) && k.EndsWith(".key", StringComparison.Ordinal));
        if (Layers == 0)
        {
            throw Invalid(modelFile, "has no past_key_values.* inputs: export it with a KV cache (Optimum task text-generation-with-past)");
        }

        if (config.Layers is { } layers && layers != Layers)
        {
            throw Invalid(modelFile, $"has {Layers} layers of past_key_values but the config says num_hidden_layers = {layers}");
        }

        _pastNames = [.. Enumerable.Range(0, Layers).SelectMany(i => new[] { $"{PastPrefix}{i}.key", $"{PastPrefix}{i}.value" })];
        var missing = _pastNames.Where(n => !inputs.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw Invalid(modelFile, $"lacks inputs {string.Join(", ", missing)}");
        }

        var first = inputs[_pastNames[0]];
        CacheType = first.ElementDataType;
        if (CacheType is not (TensorElementType.Float16 or TensorElementType.Float))
        {
            throw Invalid(modelFile, $"has a {CacheType} KV cache; only float16 and float32 are supported");
        }

        KeyValueHeads = Dimension(first.Dimensions, 1, config.KeyValueHeads, "num_key_value_heads", modelFile);
        HeadDim = Dimension(first.Dimensions, 3, config.HeadDim, "head_dim", modelFile);
        _outputNames = ["logits", .. _pastNames.Select(n => "present." + n[PastPrefix.Length..])];
        var outputs = session.OutputMetadata;
        var absent = _outputNames.Where(n => !outputs.ContainsKey(n)).ToList();
        if (absent.Count > 0)
        {
            throw Invalid(modelFile, $"lacks outputs {string.Join(", ", absent)} (outputs: {string.Join(", ", outputs.Keys)})");
        }

        _logitsType = outputs["logits"].ElementDataType;
        if (_logitsType is not (TensorElementType.Float16 or TensorElementType.Float))
        {
            throw Invalid(modelFile, $"has {_logitsType} logits; only float16 and float32 are supported");
        }
    }

    public int Layers { get; }

    /// <summary>The session itself, for loops that drive it directly (the benchmark's floor).</summary>
    public InferenceSession Session => _session;

    public int KeyValueHeads { get; }

    public int HeadDim { get; }

    public TensorElementType CacheType { get; }

    /// <summary>
    /// Feeds <paramref name="ids"/> after the positions in <paramref name="past"/> (none: an empty cache of length 0)
    /// and returns the logits of the last position and the grown cache. <paramref name="past"/> stays the caller's.
    /// The logits are written into <paramref name="logitsBuffer"/> when it has the vocabulary's length (a generation
    /// loop passes one buffer for all its steps: a fresh vocabulary-sized array per token lands on the large-object
    /// heap and forces full collections), else into a new array.
    /// </summary>
    public (float[] Logits, KeyValueCache Cache) Run(ReadOnlySpan<long> ids, KeyValueCache? past, float[]? logitsBuffer = null)
    {
        var pastLength = past?.Length ?? 0;
        var total = pastLength + ids.Length;
        var owned = new List<OrtValue>();
        try
        {
            var names = new List<string>(3 + _pastNames.Length) { "input_ids", "attention_mask" };
            owned.Add(OrtValue.CreateTensorValueFromMemory(ids.ToArray(), [1, ids.Length]));
            var mask = new long[total];
            Array.Fill(mask, 1L);
            owned.Add(OrtValue.CreateTensorValueFromMemory(mask, [1, total]));
            if (_hasPositionIds)
            {
                names.Add("position_ids");
                var positions = new long[ids.Length];
                for (var i = 0; i < positions.Length; i++)
                {
                    positions[i] = pastLength + i;
                }

                owned.Add(OrtValue.CreateTensorValueFromMemory(positions, [1, ids.Length]));
            }

            names.AddRange(_pastNames);
            var values = new List<OrtValue>(owned);
            if (past is null)
            {
                foreach (var _ in _pastNames)
                {
                    var empty = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, CacheType, [1, KeyValueHeads, 0, HeadDim]);
                    owned.Add(empty);
                    values.Add(empty);
                }
            }
            else
            {
                values.AddRange(past.Values);
            }

            var outputs = _session.Run(_runOptions, names, values, _outputNames);
            float[] logits;
            using (var logitsValue = outputs[0])
            {
                logits = LastRow(logitsValue, logitsBuffer);
            }

            return (logits, new KeyValueCache([.. outputs.Skip(1)], total));
        }
        finally
        {
            foreach (var value in owned)
            {
                value.Dispose();
            }
        }
    }

    /// <summary>
    /// Opens <paramref name="modelFile"/> with the provider and threads of <paramref name="options"/> and checks its
    /// layout; a file ONNX Runtime cannot load fails naming it.
    /// </summary>
    public static DecoderSession Open(string modelFile, OnnxChatClientOptions options, ModelConfig config, ILogger logger)
    {
        using var sessionOptions = SessionOptionsFactory.Create(
            options.ExecutionProvider, options.IntraOpThreads, logger, OnnxChatClientOptions.SectionName + ":" + nameof(OnnxChatClientOptions.ExecutionProvider));
        InferenceSession session;
        try
        {
            session = new InferenceSession(modelFile, sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException(
                $"ONNX Runtime could not load '{modelFile}' (external weights such as model.onnx.data must sit beside it): {ex.Message}", ex);
        }

        try
        {
            return new DecoderSession(session, config, modelFile);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }

    private static InvalidDataException Invalid(string modelFile, string what) =>
        new($"ONNX model '{modelFile}' {what}.");

    private static int Dimension(int[] dims, int index, int? configured, string name, string modelFile)
    {
        var fixedDim = dims.Length == 4 && dims[index] > 0 ? dims[index] : (int?)null;
        if (fixedDim is { } f && configured is { } c && f != c)
        {
            throw Invalid(modelFile, string.Create(CultureInfo.InvariantCulture, $"has a KV cache with {name} = {f} but the config says {c}"));
        }

        return fixedDim ?? configured
            ?? throw Invalid(modelFile, $"does not fix {name} in its past_key_values shape and no config.json gives it");
    }

    private float[] LastRow(OrtValue value, float[]? buffer)
    {
        var info = value.GetTensorTypeAndShape();
        var vocab = (int)info.Shape[^1];
        var rows = (int)(info.ElementCount / vocab);
        var offset = (rows - 1) * vocab;
        var result = buffer is { Length: var length } && length == vocab ? buffer : new float[vocab];
        if (_logitsType == TensorElementType.Float16)
        {
            var halves = MemoryMarshal.Cast<Float16, Half>(value.GetTensorDataAsSpan<Float16>());
            TensorPrimitives.ConvertToSingle(halves.Slice(offset, vocab), result);
        }
        else
        {
            value.GetTensorDataAsSpan<float>().Slice(offset, vocab).CopyTo(result);
        }

        return result;
    }
}
