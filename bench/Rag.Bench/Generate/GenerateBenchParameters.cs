namespace Rag.Bench.Generate;

/// <summary>The inputs of a generation benchmark run.</summary>
/// <param name="Models">Model ids measured (folder names), in order.</param>
/// <param name="NewTokens">Tokens requested per run.</param>
/// <param name="PromptTokens">Prompt lengths requested.</param>
/// <param name="Repetitions">Timed runs per prompt and path.</param>
/// <param name="Warmups">Untimed runs per prompt and path.</param>
/// <param name="Sampling">Always "greedy" (temperature 0): the only setting under which the three paths must agree token for token.</param>
/// <param name="ExecutionProvider">Requested ONNX Runtime execution provider (client and baselines alike).</param>
/// <param name="IntraOpThreads">ONNX Runtime intra-op threads (0 = its default).</param>
public sealed record GenerateBenchParameters(
    IReadOnlyList<string> Models,
    int NewTokens,
    IReadOnlyList<int> PromptTokens,
    int Repetitions,
    int Warmups,
    string Sampling,
    string ExecutionProvider,
    int IntraOpThreads);
