using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Rag.Bench.Query;
using Rag.Evaluation.Reporting;
using Rag.Onnx.Generation;

namespace Rag.Bench.Generate;

/// <summary>
/// Answer-generation speed of the in-process decoder: <see cref="OnnxChatClient.GetStreamingResponseAsync"/> (greedy, a
/// fixed number of new tokens) against two floors measured in the same run on the same prompt ids — a bare
/// <c>InferenceSession.Run</c> loop with the KV cache, and the same loop recomputing the whole sequence at every step.
/// Every run of every path must produce the same tokens; a difference fails the benchmark.
/// The paths alternate run by run, in rotating order, so drift and other load on the machine hit them alike.
/// </summary>
public static class GenerateBenchmark
{
    /// <summary>Measures every model of <paramref name="models"/> at every prompt length of <paramref name="options"/>.</summary>
    /// <exception cref="InvalidOperationException">The paths disagree, or a model stops before it generates two tokens.</exception>
    public static async Task<GenerateBenchResult> RunAsync(
        IReadOnlyList<OnnxChatClientOptions> models,
        GenerateBenchOptions options,
        RunEnvironment environment,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentOutOfRangeException.ThrowIfZero(models.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NewTokens, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Repetitions);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Warmups);
        if (options.PromptTokens.Count == 0 || options.PromptTokens.Any(t => t <= 0))
        {
            throw new ArgumentException("Prompt lengths must be positive.", nameof(options));
        }

        var results = new List<GenerateModelResult>(models.Count);
        foreach (var model in models)
        {
            results.Add(await MeasureModelAsync(model, options, progress, cancellationToken));
        }

        var first = models[0];
        var parameters = new GenerateBenchParameters(
            [.. results.Select(r => r.Model)],
            options.NewTokens,
            options.PromptTokens,
            options.Repetitions,
            options.Warmups,
            "greedy",
            first.ExecutionProvider.ToString(),
            first.IntraOpThreads);
        var prompts = results.SelectMany(r => r.Prompts).ToList();
        return new GenerateBenchResult(
            "generate",
            environment,
            parameters,
            options.Target,
            prompts.TrueForAll(p => p.MeetsTarget),
            prompts.TrueForAll(p => p.IdenticalIds),
            results);
    }

    private static async Task<GenerateModelResult> MeasureModelAsync(
        OnnxChatClientOptions model, GenerateBenchOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        using var client = new OnnxChatClient(model);
        using var bare = DecoderBareSession.Open(model, client.Template);
        var prompts = new List<GeneratePromptResult>(options.PromptTokens.Count);
        foreach (var target in options.PromptTokens)
        {
            var bounded = bare.MaxPositions is { } context ? Math.Min(target, context - options.NewTokens) : target;
            if (bounded <= 0)
            {
                throw new InvalidOperationException(
                    $"Model '{client.ModelId}' holds {bare.MaxPositions} positions, too few for {options.NewTokens} new tokens after a prompt; lower --new-tokens.");
            }

            var (messages, ids) = GeneratePrompts.Build(bare.EncodePrompt, bounded);
            var result = await MeasurePromptAsync(client, bare, messages, ids, target, options, cancellationToken);
            progress?.Report(string.Create(
                CultureInfo.InvariantCulture,
                $"{client.ModelId}, {result.PromptTokens}-token prompt: client {result.Client.MedianDecodeTokensPerSecond:F0} tokens/s, " +
                $"bare {result.Bare.MedianDecodeTokensPerSecond:F0}, no cache {result.Recomputed.MedianDecodeTokensPerSecond:F0}"));
            prompts.Add(result);
        }

        return new GenerateModelResult(
            client.ModelId,
            client.Metadata.ProviderUri?.LocalPath ?? model.ModelPath ?? string.Empty,
            bare.ModelFile,
            bare.CacheType,
            bare.Layers,
            client.Template.ToString(),
            bare.MaxPositions,
            prompts);
    }

    private static async Task<GeneratePromptResult> MeasurePromptAsync(
        OnnxChatClient client,
        DecoderBareSession bare,
        IReadOnlyList<ChatMessage> messages,
        IReadOnlyList<int> promptIds,
        int target,
        GenerateBenchOptions options,
        CancellationToken cancellationToken)
    {
        var chatOptions = new ChatOptions { MaxOutputTokens = options.NewTokens, Temperature = 0f };
        var where = $"model '{client.ModelId}', {promptIds.Count}-token prompt";

        // The probe learns how many tokens the client generates (fewer than asked when the model emits a stop token);
        // the bare loops then run that many, and the reference ids come from the cached loop.
        var probe = await GeneratePaths.ClientAsync(client, messages, chatOptions, 0, cancellationToken);
        var tokens = probe.OutputTokens;
        if (tokens < 2)
        {
            throw new InvalidOperationException($"{where}: the model stopped after {tokens} token(s); decode speed needs at least 2. Use another prompt length.");
        }

        var reference = bare.GreedyWithCache(promptIds, tokens).ToList();
        var stopped = probe.FinishReason == ChatFinishReason.Stop;
        var expectedText = bare.Decode(stopped ? reference.Take(tokens - 1) : reference);
        var firstTextToken = FirstTextToken(bare, reference);
        var check = new Agreement(where, reference, expectedText, tokens);
        check.Client(probe);

        var encodeMs = new List<double>(options.Repetitions);
        var samples = new[] { new List<GenerateSample>(), new List<GenerateSample>(), new List<GenerateSample>() };
        for (var run = 0; run < options.Warmups + options.Repetitions; run++)
        {
            for (var k = 0; k < 3; k++)
            {
                var path = (run + k) % 3;
                var sample = path switch
                {
                    0 => check.Client(await GeneratePaths.ClientAsync(client, messages, chatOptions, firstTextToken, cancellationToken)),
                    1 => check.Cached(GeneratePaths.Bare(() => bare.GreedyWithCache(promptIds, tokens), tokens)),
                    _ => check.Recomputed(GeneratePaths.Bare(() => bare.GreedyRecomputed(promptIds, tokens), tokens)),
                };
                if (run >= options.Warmups)
                {
                    samples[path].Add(sample);
                }
            }

            // What the client does before its first run, on its own: render the messages and tokenize the prompt.
            var encodeStarted = Stopwatch.GetTimestamp();
            _ = bare.EncodePrompt(messages);
            if (run >= options.Warmups)
            {
                encodeMs.Add(Stopwatch.GetElapsedTime(encodeStarted).TotalMilliseconds);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        var clientTiming = GeneratePathTiming.From(samples[0], tokens);
        var bareTiming = GeneratePathTiming.From(samples[1], tokens);
        var recomputed = GeneratePathTiming.From(samples[2], tokens);
        var ratio = clientTiming.MedianDecodeTokensPerSecond / bareTiming.MedianDecodeTokensPerSecond;
        return new GeneratePromptResult(
            target,
            promptIds.Count,
            options.NewTokens,
            tokens,
            (probe.FinishReason ?? ChatFinishReason.Length).Value,
            firstTextToken,
            Percentiles.Median(encodeMs),
            clientTiming,
            bareTiming,
            recomputed,
            ratio,
            bareTiming.MedianTotalMs / clientTiming.MedianTotalMs,
            bareTiming.MedianFirstTokenMs / clientTiming.MedianFirstTokenMs,
            bareTiming.MedianDecodeTokensPerSecond / recomputed.MedianDecodeTokensPerSecond,
            recomputed.MedianTotalMs / bareTiming.MedianTotalMs,
            IdenticalIds: true,
            ratio >= options.Target,
            reference);
    }

    /// <summary>How many tokens it takes before the ids decode to any text (the client streams nothing before that).</summary>
    private static int FirstTextToken(DecoderBareSession bare, List<int> ids)
    {
        for (var count = 1; count <= ids.Count; count++)
        {
            if (bare.Decode(ids.Take(count)).Length > 0)
            {
                return count;
            }
        }

        throw new InvalidOperationException($"The {ids.Count} generated tokens decode to no text, so the client streams none to time.");
    }
}
