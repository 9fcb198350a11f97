namespace Rag.Onnx.Runtime;

/// <summary>
/// The process environment as native code sees it (on Linux and macOS the C library's <c>environ</c>, which
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not change). A seam so a test can show that
/// the telemetry opt-out refuses to go on when the variable cannot be set.
/// </summary>
internal interface INativeEnvironment
{
    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>, overwriting; false when the C library refuses.</summary>
    bool TrySet(string name, string value);

    /// <summary>The value native code reads for <paramref name="name"/>; null when unset.</summary>
    string? Get(string name);
}
