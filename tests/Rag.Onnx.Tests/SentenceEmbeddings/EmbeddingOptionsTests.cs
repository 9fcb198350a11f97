using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rag.Core.Embeddings;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Testing;

namespace Rag.Onnx.Tests.SentenceEmbeddings;

public sealed class EmbeddingOptionsTests
{
    [Fact]
    public void Constructor_Defaults_ArePinned()
    {
        var options = new EmbeddingOptions();

        Assert.Equal("Rag:Embedding", EmbeddingOptions.SectionName);
        Assert.Equal("use-lite", options.Model);
        Assert.Equal(EmbeddingModelKind.UseLite, options.Kind);
        Assert.Null(options.ModelsDirectory);
        Assert.Equal(ExecutionProvider.Auto, options.ExecutionProvider);
        Assert.Equal(32, options.BatchSize);
        Assert.Equal(PoolingMode.Mean, options.Pooling);
        Assert.Equal(0, options.MaxTokens);
        Assert.Equal(0, options.IntraOpThreads);
    }

    [Fact]
    public void Validate_MissingModelFile_FailsWithInstallHint()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "use-lite"));
        File.WriteAllText(Path.Combine(dir.Path, "use-lite", "vocab.json"), "[]");

        var result = new EmbeddingOptionsValidator().Validate(null, new EmbeddingOptions { ModelsDirectory = dir.Path });

        Assert.True(result.Failed);
        var expected = $"Rag:Embedding: model file '{Path.Combine(dir.Path, "use-lite", "model.onnx")}' for model 'use-lite' is missing. Run ./rag models install.";
        Assert.Equal(expected, result.FailureMessage);
    }

    [Fact]
    public void Validate_CudaInCpuOnlyBuild_FailsNamingTheSetting()
    {
        var options = UseLiteReference.Options(provider: ExecutionProvider.Cuda);

        var result = new EmbeddingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.StartsWith("Rag:Embedding:ExecutionProvider: Cuda cannot be used: this build's ONNX Runtime has no CUDA provider", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UndefinedProviderValue_FailsNamingTheSetting()
    {
        var options = UseLiteReference.Options(provider: (ExecutionProvider)42);

        var result = new EmbeddingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal("Rag:Embedding:ExecutionProvider: '42' is not a provider; use Auto, Cpu, Cuda or DirectML.", result.FailureMessage);
    }

    [Theory]
    [InlineData(ExecutionProvider.Auto)]
    [InlineData(ExecutionProvider.Cpu)]
    public void Validate_AutoOrCpu_Succeeds(ExecutionProvider provider)
    {
        var result = new EmbeddingOptionsValidator().Validate(null, UseLiteReference.Options(provider: provider));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_InstalledModel_Succeeds()
    {
        var result = new EmbeddingOptionsValidator().Validate(null, UseLiteReference.Options());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void AddRagOnnx_MissingModelsDirectory_FailsOnStart()
    {
        using var provider = Build(new Dictionary<string, string?>());

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EmbeddingOptions>>().Value);
        Assert.Contains("ModelsDirectory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRagOnnx_InstalledUseLite_RegistersOneDisposableEmbedder()
    {
        UseLiteEmbeddingGenerator generator;
        await using (var provider = Build(new Dictionary<string, string?>
        {
            ["Rag:Embedding:ModelsDirectory"] = UseLiteReference.ModelsRoot,
            ["Rag:Embedding:ExecutionProvider"] = "Cpu",
        }))
        {
            // The container hands out the Microsoft.Extensions.AI pipeline (logging, OpenTelemetry) around the one model.
            var pipeline = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
            Assert.NotNull(pipeline.GetService<OpenTelemetryEmbeddingGenerator<string, Embedding<float>>>());
            generator = Assert.IsType<UseLiteEmbeddingGenerator>(pipeline.GetService<UseLiteEmbeddingGenerator>());
            Assert.Same(generator, provider.GetRequiredService<IEmbeddingTokenizer>());
            Assert.Equal(new EmbeddingModelInfo("use-lite", 512), provider.GetRequiredService<EmbeddingModelInfo>());
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(["x"]));
    }

    [Theory]
    [InlineData("all-minilm-l6-v2", null, EmbeddingModelKind.Bert)]
    [InlineData("All-MiniLM-L6-v2", null, EmbeddingModelKind.Bert)]
    [InlineData("use-lite", null, EmbeddingModelKind.UseLite)]
    [InlineData("my-own-model", null, EmbeddingModelKind.UseLite)]
    [InlineData("all-minilm-l6-v2", "UseLite", EmbeddingModelKind.UseLite)]
    [InlineData("my-own-model", "Bert", EmbeddingModelKind.Bert)]
    public void AddRagOnnx_ModelNamed_KindFromTheModelUnlessSet(string model, string? kind, EmbeddingModelKind expected)
    {
        using var dir = new TempDirectory();
        var folder = Directory.CreateDirectory(Path.Combine(dir.Path, model)).FullName;
        foreach (var file in new[] { "model.onnx", "vocab.json", "vocab.txt" })
        {
            File.WriteAllText(Path.Combine(folder, file), string.Empty);
        }

        var settings = new Dictionary<string, string?>
        {
            ["Rag:Embedding:ModelsDirectory"] = dir.Path,
            ["Rag:Embedding:Model"] = model,
        };
        if (kind is not null)
        {
            settings["Rag:Embedding:Kind"] = kind;
        }

        using var provider = Build(settings);

        Assert.Equal(expected, provider.GetRequiredService<IOptions<EmbeddingOptions>>().Value.Kind);
    }

    [Fact]
    public void AddRagOnnx_MiniLmNamedWithItsFilesOnly_PassesValidation()
    {
        // Only a BERT model's files: validation requires exactly these when the kind is inferred as Bert.
        using var dir = new TempDirectory();
        var folder = Directory.CreateDirectory(Path.Combine(dir.Path, "all-minilm-l6-v2")).FullName;
        File.WriteAllText(Path.Combine(folder, "model.onnx"), string.Empty);
        File.WriteAllText(Path.Combine(folder, "vocab.txt"), string.Empty);

        using var provider = Build(new Dictionary<string, string?>
        {
            ["Rag:Embedding:ModelsDirectory"] = dir.Path,
            ["Rag:Embedding:Model"] = "all-minilm-l6-v2",
        });

        Assert.Equal(EmbeddingModelKind.Bert, provider.GetRequiredService<IOptions<EmbeddingOptions>>().Value.Kind);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        // Called by its full name: another AddRagOnnx lives in the enclosing Rag.Onnx namespace.
        return Rag.Onnx.SentenceEmbeddings.OnnxServiceCollectionExtensions.AddRagOnnx(new ServiceCollection(), configuration).BuildServiceProvider();
    }
}
