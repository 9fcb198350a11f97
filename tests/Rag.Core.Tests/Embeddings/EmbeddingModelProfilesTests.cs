using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rag.Core.Answers;
using Rag.Core.Embeddings;
using Rag.Core.Retrieval;

namespace Rag.Core.Tests.Embeddings;

public sealed class EmbeddingModelProfilesTests
{
    [Fact]
    public void Profiles_MeasuredModels_DifferWhereTheMeasurementsDiffer()
    {
        // The profiles only matter if they differ: MiniLM's dense leg is strong enough to weigh more in the fusion.
        Assert.NotEqual(EmbeddingModelProfiles.UseLite.DenseWeight, EmbeddingModelProfiles.AllMiniLmL6V2.DenseWeight);
        Assert.Equal(["use-lite", "all-minilm-l6-v2"], EmbeddingModelProfiles.All.Select(p => p.ModelId));
    }

    [Fact]
    public void Profiles_UseLite_EqualsTheOptionDefaults()
    {
        // A model with no profile falls back to the option classes' defaults: they must be use-lite's measured values.
        var retrieval = new RetrievalOptions();
        var relevance = new RelevanceOptions();
        var profile = EmbeddingModelProfiles.UseLite;

        Assert.Equal((profile.RrfK, profile.DenseWeight), (retrieval.RrfK, retrieval.DenseWeight));
        Assert.Equal(
            (profile.MinSimilarity, profile.CoverageWeight, profile.KeywordWeight, profile.MinScore),
            (relevance.MinSimilarity, relevance.CoverageWeight, relevance.KeywordWeight, relevance.MinScore));
    }

    [Theory]
    [InlineData("all-minilm-l6-v2")]
    [InlineData(" ALL-MiniLM-L6-v2 ")]
    public void AddRagCore_MiniLmConfigured_FusionAndGateFromItsProfile(string model)
    {
        using var provider = Build(new() { ["Rag:Embedding:Model"] = model });
        var profile = EmbeddingModelProfiles.AllMiniLmL6V2;

        var retrieval = provider.GetRequiredService<IOptions<RetrievalOptions>>().Value;
        var relevance = provider.GetRequiredService<IOptions<RelevanceOptions>>().Value;

        Assert.Equal((profile.RrfK, profile.DenseWeight), (retrieval.RrfK, retrieval.DenseWeight));
        Assert.Equal(
            (profile.MinSimilarity, profile.CoverageWeight, profile.KeywordWeight, profile.MinScore),
            (relevance.MinSimilarity, relevance.CoverageWeight, relevance.KeywordWeight, relevance.MinScore));
    }

    [Fact]
    public void AddRagCore_MiniLmWithExplicitSettings_ExplicitSettingsWin()
    {
        using var provider = Build(new()
        {
            ["Rag:Embedding:Model"] = "all-minilm-l6-v2",
            ["Rag:Retrieval:DenseWeight"] = "0.35",
            ["Rag:Answer:Relevance:MinScore"] = "0.9",
        });

        var retrieval = provider.GetRequiredService<IOptions<RetrievalOptions>>().Value;
        var relevance = provider.GetRequiredService<IOptions<RelevanceOptions>>().Value;

        Assert.Equal(0.35, retrieval.DenseWeight);
        Assert.Equal(EmbeddingModelProfiles.AllMiniLmL6V2.RrfK, retrieval.RrfK);
        Assert.Equal(0.9, relevance.MinScore);
        Assert.Equal(EmbeddingModelProfiles.AllMiniLmL6V2.MinSimilarity, relevance.MinSimilarity);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("use-lite")]
    [InlineData("a-model-never-measured")]
    public void AddRagCore_OtherModels_UseLiteValues(string? model)
    {
        using var provider = Build(new() { ["Rag:Embedding:Model"] = model });

        var retrieval = provider.GetRequiredService<IOptions<RetrievalOptions>>().Value;

        Assert.Equal((EmbeddingModelProfiles.UseLite.RrfK, EmbeddingModelProfiles.UseLite.DenseWeight), (retrieval.RrfK, retrieval.DenseWeight));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddRagCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
