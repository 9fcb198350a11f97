using Rag.Ingest.Readers;

namespace Rag.Ingest.Tests.Readers;

public sealed class DocumentReadLimitsTests
{
    [Fact]
    public void Ctor_Defaults_ArePinned()
    {
        var limits = new DocumentReadLimits();

        Assert.Equal(TimeSpan.FromSeconds(30), limits.TimeLimit);
        Assert.Equal(256L * 1024 * 1024, limits.MaxFileSizeBytes);
        Assert.Equal(256 * 1024 * 1024, limits.StackSizeBytes);
        Assert.Equal(10_000, limits.MaxPages);
        Assert.Equal(20_000_000, limits.MaxCharacters);
        limits.Validate();
    }

    [Theory]
    [InlineData(0, 1024, 2 * 1024 * 1024, "TimeLimit")]
    [InlineData(1000, 0, 2 * 1024 * 1024, "MaxFileSizeBytes")]
    [InlineData(1000, 1024, 1024, "StackSizeBytes")]
    public void Validate_OutOfRange_NamesTheSetting(int timeLimitMs, long maxFileSize, int stackSize, string expected)
    {
        var limits = new DocumentReadLimits
        {
            TimeLimit = TimeSpan.FromMilliseconds(timeLimitMs),
            MaxFileSizeBytes = maxFileSize,
            StackSizeBytes = stackSize,
        };

        var ex = Assert.Throws<ArgumentOutOfRangeException>(limits.Validate);

        Assert.Equal(expected, ex.ParamName);
    }

    [Fact]
    public void Validate_NoPages_NamesMaxPages()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(new DocumentReadLimits { MaxPages = 0 }.Validate);

        Assert.Equal("MaxPages", ex.ParamName);
    }

    [Fact]
    public void Validate_NoCharacters_NamesMaxCharacters()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(new DocumentReadLimits { MaxCharacters = 0 }.Validate);

        Assert.Equal("MaxCharacters", ex.ParamName);
    }
}
