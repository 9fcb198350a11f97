namespace Rag.Ingest.Tests.Worker;

/// <summary>
/// The worker tests load the embedder and run several stages at once: run alone, so that they do not disturb the tests
/// that measure this process's memory while a child parses (DecompressionBombTests).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "worker";
}
