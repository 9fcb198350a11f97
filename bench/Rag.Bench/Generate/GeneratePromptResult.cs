namespace Rag.Bench.Generate;

/// <summary>The three paths on one prompt: the client, its bare floor, and recomputation without a cache.</summary>
/// <param name="TargetPromptTokens">Prompt length asked for.</param>
/// <param name="PromptTokens">Prompt length measured (the rendered chat prompt's tokens; at most the target, and the context bounds it).</param>
/// <param name="NewTokens">Tokens requested.</param>
/// <param name="GeneratedTokens">Tokens every path generated (model runs after the prompt's; a stop token included).</param>
/// <param name="FinishReason">The client's finish reason: "length" when all <paramref name="NewTokens"/> were generated.</param>
/// <param name="ClientFirstTextToken">Tokens generated before the client streamed its first text (1 unless the first tokens decode to nothing).</param>
/// <param name="MedianPromptEncodeMs">Rendering the messages and tokenizing the prompt alone: part of the client's time to first token, none of the bare loops'.</param>
/// <param name="Client"><c>OnnxChatClient.GetStreamingResponseAsync</c>: messages in, text updates out (render, tokenize, run, sample, decode, stream).</param>
/// <param name="Bare">A plain <c>InferenceSession.Run</c> loop with the KV cache and arg-max, on ids encoded before timing.</param>
/// <param name="Recomputed">The same loop without a cache: the whole sequence re-run at every step.</param>
/// <param name="ClientToBareDecodeRatio">Client decode tokens/s / bare decode tokens/s (the target applies here).</param>
/// <param name="ClientToBareEndToEndRatio">Bare total time / client total time.</param>
/// <param name="ClientToBareFirstTokenRatio">Bare time to first token / client time to first text (1 = equal; below 1 the client is slower).</param>
/// <param name="KvCacheDecodeSpeedup">Bare decode tokens/s / recomputed decode tokens/s.</param>
/// <param name="KvCacheEndToEndSpeedup">Recomputed total time / bare total time.</param>
/// <param name="IdenticalIds">Whether the cached and recomputed loops produced the same ids and the client the same text, in every run.</param>
/// <param name="MeetsTarget">Whether <paramref name="ClientToBareDecodeRatio"/> reaches the target.</param>
/// <param name="GeneratedIds">The generated ids (all paths agree on them).</param>
public sealed record GeneratePromptResult(
    int TargetPromptTokens,
    int PromptTokens,
    int NewTokens,
    int GeneratedTokens,
    string FinishReason,
    int ClientFirstTextToken,
    double MedianPromptEncodeMs,
    GeneratePathTiming Client,
    GeneratePathTiming Bare,
    GeneratePathTiming Recomputed,
    double ClientToBareDecodeRatio,
    double ClientToBareEndToEndRatio,
    double ClientToBareFirstTokenRatio,
    double KvCacheDecodeSpeedup,
    double KvCacheEndToEndSpeedup,
    bool IdenticalIds,
    bool MeetsTarget,
    IReadOnlyList<int> GeneratedIds);
