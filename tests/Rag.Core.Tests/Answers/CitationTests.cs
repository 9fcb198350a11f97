using Rag.Core.Answers;
using Rag.Core.Documents;
using Rag.Core.Retrieval;

namespace Rag.Core.Tests.Answers;

public sealed class CitationTests
{
    [Fact]
    public void For_ChunkReadFromTheIndex_CarriesFileNameAndRelativePath()
    {
        var hit = Hit(firstPage: 3, lastPage: 4);
        hit = hit with { Chunk = hit.Chunk with { SourcePath = "manuals/tex/expex-doc.pdf" } };

        var citation = Citation.For(2, hit, 0.5, "snippet");

        Assert.Equal("manuals/tex/expex-doc.pdf", citation.SourcePath);
        Assert.Equal("expex-doc.pdf", citation.FileName);
        Assert.Equal("ExPex", citation.Title);
        Assert.Equal((3, 4), (citation.PageNumber, citation.LastPageNumber));
    }

    [Fact]
    public void PageNumber_DocumentWithoutPages_IsNull()
    {
        var citation = Citation.For(1, Hit(firstPage: 0, lastPage: 0), 0.5, "snippet");

        Assert.Null(citation.PageNumber);
        Assert.Null(citation.LastPageNumber);
    }

    [Fact]
    public void FileName_PathUnknown_IsNull() =>
        Assert.Null(Citation.For(1, Hit(firstPage: 1, lastPage: 1), 0.5, "snippet").FileName);

    private static RetrievedChunk Hit(int firstPage, int lastPage) => new(
        new Chunk(Guid.NewGuid(), "doc", "set", 0, "text", [], firstPage, lastPage, 0, 4),
        "ExPex",
        0.5,
        1,
        null);
}
