using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Rag.Core.Answers;
using Rag.Core.Documents;
using Rag.Core.Retrieval;

namespace Rag.Core.Tests.Answers;

/// <summary>
/// The gate with its default (calibrated) settings: score = similarity + 0.5·coverage + 0.05·min(BM25 per word, 3) ≥ 0.78.
/// Each signal has a test in which it alone turns the decision, so removing it from the gate fails that test.
/// </summary>
public sealed class RelevanceGateTests
{
    private const string Question = "How much are hotel costs reimbursed per night?";
    private const string Answering = "Hotel costs are reimbursed up to 150 euros per night.";
    private const string Unrelated = "The kitchen on the second floor has free coffee, tea and fruit.";
    private static readonly RelevanceGate Gate = new(Options.Create(new RelevanceOptions()));

    [Fact]
    public async Task DecideAsync_NothingRetrieved_NotRelevant()
    {
        var decision = await Gate.DecideAsync("question?", []);

        Assert.Equal(new RelevanceDecision(false, null), decision);
    }

    [Fact]
    public void Decide_OnlyTheSimilarityDiffers_SimilarityTurnsTheDecision()
    {
        Assert.True(Gate.Decide(Question, [Hit(Answering, 0.45, null)]).FoundRelevant);
        Assert.False(Gate.Decide(Question, [Hit(Answering, 0.25, null)]).FoundRelevant);
    }

    [Fact]
    public void Decide_OnlyTheQuestionsWordsInThePassageDiffer_CoverageTurnsTheDecision()
    {
        var covered = Gate.Decide(Question, [Hit(Answering, 0.45, null)]);
        var uncovered = Gate.Decide(Question, [Hit(Unrelated, 0.45, null)]);

        Assert.True(covered.FoundRelevant);
        Assert.Equal(1.0, covered.TermCoverage);
        Assert.False(uncovered.FoundRelevant);
        Assert.Equal(0.0, uncovered.TermCoverage);
    }

    [Fact]
    public void Decide_OnlyTheKeywordScoreDiffers_KeywordEvidenceTurnsTheDecision()
    {
        // Two of the question's five words (hotel, night) are in the passage: 0.5 + 0.5·0.4 = 0.70 falls short without keyword evidence.
        const string Half = "A hotel night in Paris is often expensive.";

        Assert.True(Gate.Decide(Question, [Hit(Half, 0.5, 40.0)]).FoundRelevant);
        Assert.False(Gate.Decide(Question, [Hit(Half, 0.5, null)]).FoundRelevant);
    }

    [Fact]
    public void Decide_NoChunkFoundByTheDenseSearchInHybridRetrieval_DenseSignalIsZero()
    {
        var decision = Gate.Decide(Question, [Hit(Answering, null, 40.0)]);

        Assert.False(decision.FoundRelevant);
        Assert.Null(decision.BestSimilarity);
    }

    [Fact]
    public void Decide_KeywordOnlyRetrieval_DenseSignalCountsAsTheFloor()
    {
        var keywordOnly = new RelevanceGate(Options.Create(new RelevanceOptions()), Options.Create(new RetrievalOptions { Mode = RetrievalMode.Keyword }));

        Assert.True(keywordOnly.Decide(Question, [Hit(Answering, null, 40.0)]).FoundRelevant);
        Assert.False(keywordOnly.Decide(Question, [Hit(Unrelated, null, 1.0)]).FoundRelevant);
    }

    [Fact]
    public void Decide_ConfiguredMinimumScore_IsTheBar()
    {
        var strict = new RelevanceGate(Options.Create(new RelevanceOptions { MinScore = 1.5 }));

        Assert.False(strict.Decide(Question, [Hit(Answering, 0.9, null)]).FoundRelevant);
        Assert.True(strict.Decide(Question, [Hit(Answering, 0.9, 40.0)]).FoundRelevant);
    }

    [Fact]
    public void RelevanceOptions_Defaults_Pinned()
    {
        var o = new RelevanceOptions();

        Assert.Equal((0.2, 1.0, 0.5, 0.05, 3.0, 0.78), (o.MinSimilarity, o.SimilarityWeight, o.CoverageWeight, o.KeywordWeight, o.KeywordCap, o.MinScore));
    }

    [Theory]
    [InlineData(nameof(RelevanceOptions.MinSimilarity), 1.5)]
    [InlineData(nameof(RelevanceOptions.CoverageWeight), -1)]
    [InlineData(nameof(RelevanceOptions.KeywordWeight), 11)]
    [InlineData(nameof(RelevanceOptions.MinScore), 101)]
    public void RelevanceOptions_OutOfRange_FailsValidationNamingTheKey(string property, double value)
    {
        var results = new List<ValidationResult>();
        var options = new RelevanceOptions();
        typeof(RelevanceOptions).GetProperty(property)!.SetValue(options, value);

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains(results, r => r.MemberNames.Contains(property));
    }

    private static RetrievedChunk Hit(string text, double? similarity, double? keywordScore)
    {
        var chunk = new Chunk(Guid.NewGuid(), "doc-1", "handbook", 0, text, [], 1, 1, 0, text.Length);
        return new RetrievedChunk(chunk, "Guide", 0.01, similarity is null ? null : 1, keywordScore is null ? null : 1) { DenseSimilarity = similarity, KeywordScore = keywordScore };
    }
}
