namespace Rag.Cli.Tests.Fixtures;

/// <summary>Tests that listen to the process-wide activity sources: run on their own, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryTestGroup
{
    public const string Name = "Telemetry";
}
