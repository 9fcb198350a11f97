namespace Rag.Onnx.Tests.Runtime;

/// <summary>Tests that change the process's native environment run alone: no other test reads it meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeEnvironmentIsolation
{
    public const string Name = "native environment";
}
