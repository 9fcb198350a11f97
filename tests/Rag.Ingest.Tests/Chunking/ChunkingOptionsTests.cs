using System.ComponentModel.DataAnnotations;
using Rag.Ingest.Chunking;

namespace Rag.Ingest.Tests.Chunking;

public sealed class ChunkingOptionsTests
{
    [Fact]
    public void Ctor_Defaults_ArePinned()
    {
        var options = new ChunkingOptions();

        Assert.Equal("Rag:Chunking", ChunkingOptions.SectionName);
        Assert.Equal(0, options.MaxTokens);
        Assert.Equal(16, options.OverlapTokens);
        Assert.Equal(24, options.MinChunkTokens);
        Assert.Empty(Validate(options));
    }

    [Theory]
    [InlineData(32, 16)]
    [InlineData(32, 17)]
    [InlineData(10, 5)]
    public void Validate_OverlapNotBelowHalfOfMaxTokens_FailsNamingTheKey(int maxTokens, int overlapTokens)
    {
        var errors = Validate(new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = overlapTokens, MinChunkTokens = 0 });

        var error = Assert.Single(errors);
        Assert.Contains("Rag:Chunking:OverlapTokens", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OverlapJustBelowHalf_Passes() =>
        Assert.Empty(Validate(new ChunkingOptions { MaxTokens = 33, OverlapTokens = 16 }));

    [Theory]
    [InlineData(-1, 16, 24)]
    [InlineData(0, -1, 24)]
    [InlineData(0, 16, -1)]
    public void Validate_NegativeValue_Fails(int maxTokens, int overlapTokens, int minChunkTokens) =>
        Assert.NotEmpty(Validate(new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = overlapTokens, MinChunkTokens = minChunkTokens }));

    [Fact]
    public void Validate_MinChunkAboveMaxTokens_Fails() =>
        Assert.NotEmpty(Validate(new ChunkingOptions { MaxTokens = 40, OverlapTokens = 4, MinChunkTokens = 41 }));

    [Fact]
    public void ChunkerCtor_InvalidOptions_Throws() =>
        Assert.Throws<ValidationException>(() => new StructureAwareChunker(new WhitespaceTokenizerFake(), new ChunkingOptions { MaxTokens = 20, OverlapTokens = 10 }));

    [Theory]
    [InlineData(0, 128, 128)]
    [InlineData(64, 128, 64)]
    [InlineData(512, 128, 128)]
    public void ChunkerCtor_MaxTokens_IsCappedAtTheModelLimit(int configured, int model, int expected)
    {
        var chunker = new StructureAwareChunker(new WhitespaceTokenizerFake(model), new ChunkingOptions { MaxTokens = configured });

        Assert.Equal(expected, chunker.TokenLimit);
    }

    [Fact]
    public void ChunkerCtor_ModelLimitTooSmallForOverlap_CapsOverlapBelowHalf()
    {
        var chunker = new StructureAwareChunker(new WhitespaceTokenizerFake(20), new ChunkingOptions());

        Assert.Equal(9, chunker.OverlapTokens);
    }

    private static List<ValidationResult> Validate(ChunkingOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
