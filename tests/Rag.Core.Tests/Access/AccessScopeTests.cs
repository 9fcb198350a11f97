using Rag.Core.Access;

namespace Rag.Core.Tests.Access;

public sealed class AccessScopeTests
{
    [Fact]
    public void CanRead_SharedGroupIgnoringCase_True()
    {
        Assert.True(new AccessScope("ana", ["Finance"]).CanRead(["finance", "board"]));
    }

    [Fact]
    public void CanRead_NoSharedGroup_False()
    {
        Assert.False(new AccessScope("ana", ["employees"]).CanRead(["finance"]));
    }

    [Fact]
    public void Anonymous_ReadsNothing()
    {
        Assert.True(AccessScope.Anonymous.IsEmpty);
        Assert.False(AccessScope.Anonymous.CanRead(["employees"]));
    }

    [Fact]
    public void Constructor_BlankGroups_Dropped()
    {
        var scope = new AccessScope("ana", [" ", "", " employees "]);

        Assert.Equal(["employees"], scope.Groups);
    }

    [Fact]
    public void IsEmpty_UserWithoutGroups_True()
    {
        Assert.True(new AccessScope("ana", []).IsEmpty);
    }
}
