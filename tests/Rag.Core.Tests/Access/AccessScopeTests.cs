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

    [Theory]
    [MemberData(nameof(NameKeyTests.UnicodeTraps), MemberType = typeof(NameKeyTests))]
    public void CanRead_UnicodeLookalikeOfReadingGroup_False(string readingGroup, string lookalike)
    {
        Assert.False(new AccessScope("ana", [lookalike]).CanRead([readingGroup]));
        Assert.False(new AccessScope("ana", [readingGroup]).CanRead([lookalike]));
        Assert.True(new AccessScope("ana", [readingGroup.ToUpperInvariant()]).CanRead([readingGroup]));
    }

    [Fact]
    public void Constructor_DecomposedGroup_StoredNfcAndMatchesComposed()
    {
        var scope = new AccessScope("ana", ["A\u0308rzte", "\u00C4RZTE"]);

        Assert.Equal(["\u00C4rzte"], scope.Groups);
        Assert.True(scope.CanRead(["\u00C4rzte"]));
        Assert.False(scope.CanRead(["\u00E4rzte"]));
    }

    [Fact]
    public void Constructor_GroupWithControlCharacter_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new AccessScope("ana", ["sales\u001B[31m"]));

        Assert.Contains("U+001B", error.Message, StringComparison.Ordinal);
    }
}
