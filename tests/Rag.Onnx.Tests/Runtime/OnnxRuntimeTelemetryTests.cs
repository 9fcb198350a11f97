using Rag.Onnx.Runtime;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Onnx.Tests.SentenceEmbeddings;

namespace Rag.Onnx.Tests.Runtime;

/// <summary>
/// ONNX Runtime reads ORT_DISABLE_TELEMETRY from the C library's environment, not from .NET's copy: the opt-out must
/// land there before the runtime starts, and nothing of ONNX Runtime may start when it does not.
/// </summary>
[Collection(NativeEnvironmentIsolation.Name)]
public sealed class OnnxRuntimeTelemetryTests
{
    [Fact]
    public void OptOut_VariableAbsentFromTheNativeEnvironment_SetsItToOne()
    {
        LibCTestMethods.Remove(OnnxRuntimeTelemetry.DisableVariable);
        Assert.Null(NativeEnvironment.Instance.Get(OnnxRuntimeTelemetry.DisableVariable));

        OnnxRuntimeTelemetry.OptOut(NativeEnvironment.Instance);

        Assert.Equal("1", NativeEnvironment.Instance.Get(OnnxRuntimeTelemetry.DisableVariable));
        Assert.Equal("1", Environment.GetEnvironmentVariable(OnnxRuntimeTelemetry.DisableVariable));
    }

    [Fact]
    public async Task EnsureOff_AfterTheFirstEmbedding_NativeEnvironmentHoldsOne()
    {
        using var generator = new UseLiteEmbeddingGenerator(UseLiteReference.Options());

        var embeddings = await generator.GenerateAsync(["How do I connect to the VPN?"]);

        Assert.Single(embeddings);
        Assert.Equal("1", NativeEnvironment.Instance.Get(OnnxRuntimeTelemetry.DisableVariable));
    }

    [Theory]
    [InlineData(true, null, "ORT_DISABLE_TELEMETRY is unset in the native environment")]
    [InlineData(true, "0", "ORT_DISABLE_TELEMETRY is '0' in the native environment")]
    [InlineData(false, null, "(setenv failed)")]
    public void OptOut_SettingDoesNotTake_RefusesNamingTheVariable(bool reportsSuccess, string? readBack, string expected)
    {
        var environment = new NativeEnvironmentFake(reportsSuccess, readBack);

        var refused = Assert.Throws<InvalidOperationException>(() => OnnxRuntimeTelemetry.OptOut(environment));

        Assert.Equal([("ORT_DISABLE_TELEMETRY", "1")], environment.Sets);
        Assert.Contains("ONNX Runtime telemetry could not be switched off", refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }
}
