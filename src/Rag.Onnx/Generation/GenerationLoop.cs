using Microsoft.Extensions.AI;

namespace Rag.Onnx.Generation;

/// <summary>
/// One generation: the whole prompt with an empty cache first, then one token per step with <c>present.*</c> fed back
/// as <c>past_key_values.*</c>. Yields text as it becomes whole characters, with stop sequences held back.
/// </summary>
internal sealed class GenerationLoop
{
    private readonly DecoderSession _session;
    private readonly IReadOnlySet<int> _stopIds;
    private readonly TokenSampler _sampler;
    private readonly StreamingTextDecoder _decoder;
    private readonly StopSequenceFilter _stops;

    public GenerationLoop(DecoderSession session, HfTokenizer tokenizer, IReadOnlySet<int> stopIds, ChatOptions? options)
    {
        _session = session;
        _stopIds = stopIds;
        _sampler = new TokenSampler(options?.Temperature, options?.TopP, options?.TopK, options?.Seed);
        _decoder = new StreamingTextDecoder(tokenizer);
        _stops = new StopSequenceFilter(options?.StopSequences);
    }

    /// <summary>Tokens the model produced (a stop token included).</summary>
    public int OutputTokens { get; private set; }

    /// <summary>The generated ids, stop token excluded.</summary>
    public List<int> Ids { get; } = [];

    public ChatFinishReason FinishReason { get; private set; } = ChatFinishReason.Length;

    public IEnumerable<string> Run(IReadOnlyList<int> promptIds, int maxNewTokens, CancellationToken cancellationToken)
    {
        long[] next = [.. promptIds.Select(i => (long)i)];
        KeyValueCache? cache = null;
        float[]? logits = null;
        try
        {
            while (OutputTokens < maxNewTokens)
            {
                cancellationToken.ThrowIfCancellationRequested();
                (logits, var grown) = _session.Run(next, cache, logits);
                cache?.Dispose();
                cache = grown;
                var id = _sampler.Next(logits);
                OutputTokens++;
                if (_stopIds.Contains(id))
                {
                    FinishReason = ChatFinishReason.Stop;
                    break;
                }

                Ids.Add(id);
                var text = _stops.Push(_decoder.Append(id));
                if (text.Length > 0)
                {
                    yield return text;
                }

                if (_stops.Stopped)
                {
                    FinishReason = ChatFinishReason.Stop;
                    yield break;
                }

                next = [id];
            }
        }
        finally
        {
            cache?.Dispose();
        }

        var rest = _stops.Push(_decoder.Flush());
        rest += _stops.Stopped ? string.Empty : _stops.Flush();
        if (_stops.Stopped)
        {
            FinishReason = ChatFinishReason.Stop;
        }

        if (rest.Length > 0)
        {
            yield return rest;
        }
    }
}
