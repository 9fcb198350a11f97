using Rag.Core.Ids;

namespace Rag.Core.Tests.Ids;

public sealed class DocumentIdsTests
{
    [Fact]
    public void For_SetsDifferingOnlyByNonAsciiCase_DifferentIds()
    {
        // The catalogue keeps Ärzte and ärzte apart; ids must too, or ingesting into one replaces the other's document.
        Assert.NotEqual(DocumentIds.For("\u00C4rzte", "sub/readme.md"), DocumentIds.For("\u00E4rzte", "sub/readme.md"));
        Assert.NotEqual(DocumentIds.For("sales", "a.md"), DocumentIds.For("\u017Fales", "a.md"));
    }

    [Fact]
    public void For_SameSetInAsciiCaseOrNormalisationForm_SameId()
    {
        Assert.Equal(DocumentIds.For("A\u0308rzte", "sub/readme.md"), DocumentIds.For("\u00C4rzte", "sub/readme.md"));
        Assert.Equal(DocumentIds.For("HR-\u00C4rzte", "x.md"), DocumentIds.For("hr-\u00C4rzte", "x.md"));
    }

    [Fact]
    public void For_AsciiSetName_SameIdAsEarlierBuilds()
    {
        // Earlier builds hashed the lower-invariant set name; for ASCII names the key is the same, so stored ids stay valid.
        var earlier = DeterministicGuid.Create(new Guid("3f1c2a5e-8b7d-4c61-9a0e-5d2b6f4e7a10"), "handbook\nit/vpn.md").ToString("N");

        Assert.Equal(earlier, DocumentIds.For("Handbook", "it\\vpn.md"));
    }

    [Fact]
    public void For_PathsDifferingInCase_DifferentIds()
    {
        Assert.NotEqual(DocumentIds.For("s", "Readme.md"), DocumentIds.For("s", "readme.md"));
    }

    [Fact]
    public void For_BrokenSetName_Throws()
    {
        Assert.Throws<ArgumentException>(() => DocumentIds.For("set\nname", "a.md"));
    }
}
