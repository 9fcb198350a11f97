using Rag.Core.Documents;
using Rag.Core.Grounding;
using Rag.Core.Retrieval;

namespace Rag.Core.Tests.Grounding;

public sealed class GroundedPromptTests
{
    [Fact]
    public void FormatSources_ChunkWithoutPages_HasNoPageAttribute()
    {
        var sources = new[]
        {
            Source("Roses need pruning in late winter.", firstPage: 0),
            Source("Tulips are planted in autumn.", firstPage: 7),
        };

        var text = GroundedPrompt.FormatSources(sources);

        Assert.Contains("<source id=\"1\" title=\"Garden\">", text, StringComparison.Ordinal);
        Assert.Contains("<source id=\"2\" title=\"Garden\" page=\"7\">", text, StringComparison.Ordinal);
        Assert.DoesNotContain("page=\"0\"", text, StringComparison.Ordinal);
    }

    private static RetrievedChunk Source(string text, int firstPage) => new(
        new Chunk(Guid.NewGuid(), "doc", "set", 0, text, [], firstPage, firstPage, 0, text.Length),
        "Garden",
        0.5,
        1,
        null);
}
