using Rag.Core.Ids;

namespace Rag.Core.Tests.Ids;

public sealed class DeterministicGuidTests
{
    [Fact]
    public void Create_RfcExample_MatchesPublishedUuid()
    {
        // RFC 9562 / Python uuid.uuid5(NAMESPACE_DNS, "www.example.com").
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), DeterministicGuid.Create(dns, "www.example.com"));
    }

    [Fact]
    public void ChunkIds_SameInputs_SameId_DifferentVersion_DifferentId()
    {
        Assert.Equal(ChunkIds.For("doc", "v1", 3), ChunkIds.For("doc", "v1", 3));
        Assert.NotEqual(ChunkIds.For("doc", "v1", 3), ChunkIds.For("doc", "v2", 3));
        Assert.NotEqual(ChunkIds.For("doc", "v1", 3), ChunkIds.For("doc", "v1", 4));
    }

    [Fact]
    public void DocumentIds_PathSeparatorsAndSetCase_Normalised()
    {
        Assert.Equal(DocumentIds.For("Handbook", "a\\b.pdf"), DocumentIds.For("handbook", "a/b.pdf"));
        Assert.NotEqual(DocumentIds.For("handbook", "a/b.pdf"), DocumentIds.For("finance", "a/b.pdf"));
    }
}
