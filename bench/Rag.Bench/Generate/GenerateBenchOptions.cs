namespace Rag.Bench.Generate;

/// <summary>What <see cref="GenerateBenchmark"/> measures.</summary>
/// <param name="NewTokens">Tokens generated per run (greedy); fewer when the model stops on its own, and then every path generates that many.</param>
/// <param name="PromptTokens">Prompt lengths to measure, in tokens of the rendered chat prompt; each is bounded by the model's context.</param>
/// <param name="Repetitions">Timed runs per prompt and path; the median is reported.</param>
/// <param name="Warmups">Untimed runs per prompt and path before the timed ones.</param>
/// <param name="Target">The client's decode speed must reach this fraction of the bare loop's.</param>
public sealed record GenerateBenchOptions(int NewTokens, IReadOnlyList<int> PromptTokens, int Repetitions = 11, int Warmups = 1, double Target = 0.9)
{
    /// <summary>A short question and a long, context-filled one.</summary>
    public static IReadOnlyList<int> DefaultPromptTokens { get; } = [32, 256];
}
