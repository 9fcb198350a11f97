using Rag.Onnx.Generation;

namespace Rag.Onnx.Tests.Generation;

public sealed class StopSequenceFilterTests
{
    [Fact]
    public void Push_StopSequenceSplitAcrossPieces_IsNeverEmitted()
    {
        var filter = new StopSequenceFilter(["\nUser:"]);

        string[] pieces = ["Answer is 4.", "\nUs", "er:", " more"];

        var emitted = string.Concat(pieces.Select(filter.Push)) + filter.Flush();

        Assert.Equal("Answer is 4.", emitted);
        Assert.True(filter.Stopped);
    }

    [Fact]
    public void Push_PartialMatchThatDiverges_IsReleased()
    {
        var filter = new StopSequenceFilter(["STOP"]);

        var first = filter.Push("abc ST");
        var second = filter.Push("ART");

        Assert.Equal("abc ", first);
        Assert.Equal("START", second);
        Assert.False(filter.Stopped);
    }

    [Fact]
    public void Flush_PendingPrefixAtEnd_IsEmitted()
    {
        var filter = new StopSequenceFilter(["STOP"]);

        var text = filter.Push("one ST") + filter.Flush();

        Assert.Equal("one ST", text);
    }

    [Fact]
    public void Push_NoStopSequences_PassesTextThrough()
    {
        var filter = new StopSequenceFilter(null);

        Assert.Equal("anything", filter.Push("anything"));
    }
}
