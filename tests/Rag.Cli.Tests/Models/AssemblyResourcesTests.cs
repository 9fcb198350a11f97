using Rag.Cli.Models;
using Rag.Testing;

namespace Rag.Cli.Tests.Models;

public sealed class AssemblyResourcesTests
{
    private const string ResourceName = "Rag.Cli.Tests.Models.weights.bin";

    private static string FixturePath => Path.Combine(AppContext.BaseDirectory, "Models", "Fixtures", "weights.bin");

    [Fact]
    public async Task CopyAsync_EmbeddedResource_WritesItsExactBytes()
    {
        using var temp = new TempDirectory();
        var copy = temp.Combine("out.bin");
        var assembly = temp.Combine("Fixture.dll");
        File.Copy(typeof(AssemblyResourcesTests).Assembly.Location, assembly);

        await AssemblyResources.CopyAsync(assembly, ResourceName, copy);

        Assert.Equal(await File.ReadAllBytesAsync(FixturePath), await File.ReadAllBytesAsync(copy));
    }

    [Fact]
    public async Task CopyAsync_ReadsTheFileWithoutLoadingTheAssembly()
    {
        using var temp = new TempDirectory();
        var assembly = temp.Combine("Fixture.dll");
        File.Copy(typeof(AssemblyResourcesTests).Assembly.Location, assembly);

        await AssemblyResources.CopyAsync(assembly, ResourceName, temp.Combine("out.bin"));

        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => !a.IsDynamic && string.Equals(a.Location, assembly, StringComparison.Ordinal));
    }

    [Fact]
    public void Locate_UnknownResource_FailsListingTheResourcesThere()
    {
        var error = Assert.Throws<ModelInstallException>(() => AssemblyResources.Locate(typeof(AssemblyResourcesTests).Assembly.Location, "No.Such.model.onnx"));

        Assert.Contains("has no resource 'No.Such.model.onnx'", error.Message, StringComparison.Ordinal);
        Assert.Contains(ResourceName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_NotAnAssembly_FailsSayingSo()
    {
        var error = Assert.Throws<ModelInstallException>(() => AssemblyResources.Locate(FixturePath, ResourceName));

        Assert.Contains("not", error.Message, StringComparison.Ordinal);
        Assert.Contains(FixturePath, error.Message, StringComparison.Ordinal);
    }
}
