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
}
