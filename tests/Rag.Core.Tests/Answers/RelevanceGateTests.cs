using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Rag.Core.Answers;
using Rag.Core.Documents;
using Rag.Core.Retrieval;

namespace Rag.Core.Tests.Answers;

public sealed class RelevanceGateTests
{
    private static readonly RelevanceGate Gate = new(Options.Create(new RelevanceOptions()));

    [Fact]
    public async Task DecideAsync_NothingRetrieved_NotRelevant()
    {
        var decision = await Gate.DecideAsync("question?", []);

        Assert.Equal(new RelevanceDecision(false, null), decision);
    }

    [Fact]
    public async Task DecideAsync_EveryChunkBelowTheMinimum_NotRelevantWithTheBestSimilarity()
    {
        var decision = await Gate.DecideAsync("question?", [Hit(0.30), Hit(0.37)]);

        Assert.False(decision.FoundRelevant);
        Assert.Equal(0.37, decision.BestSimilarity);
    }

    [Fact]
    public async Task DecideAsync_OneChunkReachesTheMinimum_Relevant()
    {
        var decision = await Gate.DecideAsync("question?", [Hit(0.1), Hit(0.38), Hit(null)]);

        Assert.True(decision.FoundRelevant);
        Assert.Equal(0.38, decision.BestSimilarity);
    }

    [Fact]
    public async Task DecideAsync_OnlyKeywordHits_Relevant()
    {
        var decision = await Gate.DecideAsync("question?", [Hit(null)]);

        Assert.True(decision.FoundRelevant);
        Assert.Null(decision.BestSimilarity);
    }

    [Fact]
    public async Task DecideAsync_ConfiguredMinimum_IsTheBar()
    {
        var strict = new RelevanceGate(Options.Create(new RelevanceOptions { MinSimilarity = 0.6 }));

        Assert.False((await strict.DecideAsync("question?", [Hit(0.5)])).FoundRelevant);
        Assert.True((await strict.DecideAsync("question?", [Hit(0.6)])).FoundRelevant);
    }

    [Fact]
    public void RelevanceOptions_Defaults_Pinned() => Assert.Equal(0.38, new RelevanceOptions().MinSimilarity);

    [Fact]
    public void RelevanceOptions_MinSimilarityAboveOne_FailsValidationNamingTheKey()
    {
        var results = new List<ValidationResult>();
        var options = new RelevanceOptions { MinSimilarity = 1.5 };

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(RelevanceOptions.MinSimilarity)));
    }

    private static RetrievedChunk Hit(double? similarity)
    {
        var chunk = new Chunk(Guid.NewGuid(), "doc-1", "handbook", 0, "text", [], 1, 1, 0, 4);
        return new RetrievedChunk(chunk, "Guide", 0.01, similarity is null ? null : 1, similarity is null ? 1 : null) { DenseSimilarity = similarity };
    }
}
