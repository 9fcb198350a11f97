using Rag.Bench.Query;
using Rag.Testing;

namespace Rag.Bench.Tests.Query;

public sealed class KeywordFilterScenarioTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RunAsync_SmallShape_CallerFindsOnlyTheReadableMatchesOfEachTerm()
    {
        var options = new QueryBenchOptions([100], _temp.Combine("unused"), Queries: 4, Warmups: 1, WarmupTime: TimeSpan.Zero);

        var result = await KeywordFilterScenario.RunAsync(new KeywordFilterOptions(200, 100, 20, 50), options, _temp.Combine("keyword-filter"));

        Assert.Equal(300, result.Chunks);
        Assert.Equal(200, result.UnreadableChunks);
        Assert.Equal(20, result.FrequentHits);
        Assert.Equal(20, result.ControlHits);
        Assert.NotEqual(result.FrequentTerm, result.ControlTerm);
        Assert.Equal(4, result.Frequent.Queries);
        Assert.Equal(4, result.Control.Queries);
        Assert.Equal(result.Frequent.P50Ms / result.Control.P50Ms, result.MedianRatio, 9);
        Assert.Equal(result.Frequent.P50Ms - result.Control.P50Ms, result.MedianDifferenceMs, 9);
    }

    [Fact]
    public async Task RunAsync_SameSeed_UsesTheSameTerms()
    {
        var options = new QueryBenchOptions([100], _temp.Combine("unused"), Queries: 1, Warmups: 0, WarmupTime: TimeSpan.Zero);
        var shape = new KeywordFilterOptions(10, 4, 2, 5);

        var first = await KeywordFilterScenario.RunAsync(shape, options, _temp.Combine("a"));
        var second = await KeywordFilterScenario.RunAsync(shape, options, _temp.Combine("b"));

        Assert.Equal((first.FrequentTerm, first.ControlTerm), (second.FrequentTerm, second.ControlTerm));
    }

    [Fact]
    public void Validate_FewerReadableChunksThanTwoGroupsOfMatches_ThrowsNamingTheField()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KeywordFilterOptions(ReadableChunks: 150, ReadableMatches: 100).Validate());

        Assert.Equal(nameof(KeywordFilterOptions.ReadableChunks), error.ParamName);
    }
}
