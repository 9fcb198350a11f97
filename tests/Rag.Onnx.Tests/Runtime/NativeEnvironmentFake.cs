using Rag.Onnx.Runtime;

namespace Rag.Onnx.Tests.Runtime;

/// <summary>An environment where setting a variable does not take (a sandbox, a hardened libc, a read-only environ).</summary>
internal sealed class NativeEnvironmentFake(bool reportsSuccess, string? valueReadBack) : INativeEnvironment
{
    public List<(string Name, string Value)> Sets { get; } = [];

    public bool TrySet(string name, string value)
    {
        Sets.Add((name, value));
        return reportsSuccess;
    }

    public string? Get(string name) => valueReadBack;
}
