namespace Rag.Ingest.Tests.Worker;

/// <summary>
/// Tests that run with no other test of this assembly beside them: the worker tests (they load the embedder and run
/// several stages at once) and the tests that measure this process's memory while a child parses (DecompressionBombTests).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "worker";
}
