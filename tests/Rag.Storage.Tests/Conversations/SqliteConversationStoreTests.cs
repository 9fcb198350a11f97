using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Rag.Storage.Conversations;
using Rag.Testing;

namespace Rag.Storage.Tests.Conversations;

public sealed class SqliteConversationStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task LoadAsync_ReturnsTheLastTurnsOfThisUsersConversationInOrder()
    {
        var store = Store();
        await store.AppendAsync("ana", "c1", "q1", "a1");
        await store.AppendAsync("ana", "c1", "q2", "a2");
        await store.AppendAsync("ana", "c2", "other conversation", "x");
        await store.AppendAsync("ben", "c1", "same id, other user", "y");

        var last = await store.LoadAsync("ana", "c1", 3);

        Assert.Equal(["a1", "q2", "a2"], last.Select(m => m.Text));
        Assert.Equal([ChatRole.Assistant, ChatRole.User, ChatRole.Assistant], last.Select(m => m.Role));
        Assert.Equal(["same id, other user", "y"], (await store.LoadAsync("ben", "c1", 10)).Select(m => m.Text));
        Assert.Empty(await store.LoadAsync("cy", "c1", 10));
    }

    [Fact]
    public async Task AppendAsync_SurvivesReopening()
    {
        await Store().AppendAsync("ana", "c1", "q1", "a1");

        var reopened = Store();
        Assert.Equal(["q1", "a1"], (await reopened.LoadAsync("ana", "c1", 10)).Select(m => m.Text));
    }

    [Fact]
    public async Task AppendAsync_DeletesTurnsOlderThanTheRetention()
    {
        var clock = new AdjustableTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new SqliteConversationStore(Options.Create(new StorageOptions { DataDirectory = _temp.Path, ConversationRetention = TimeSpan.FromDays(30) }), clock);
        await store.AppendAsync("ana", "old", "q-old", "a-old");
        await store.AppendAsync("ben", "kept", "q-kept", "a-kept");
        clock.Now += TimeSpan.FromDays(20);
        await store.AppendAsync("ben", "kept", "q2", "a2");
        clock.Now += TimeSpan.FromDays(11);

        await store.AppendAsync("cy", "new", "q-new", "a-new");

        Assert.Empty(await store.LoadAsync("ana", "old", 10));
        Assert.Equal(["q2", "a2"], (await store.LoadAsync("ben", "kept", 10)).Select(m => m.Text));
        Assert.Equal(2, (await store.LoadAsync("cy", "new", 10)).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad\nid")]
    public async Task AppendAsync_InvalidConversationId_Throws(string id)
    {
        var store = Store();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.AppendAsync("ana", id, "q", "a"));
    }

    public void Dispose() => _temp.Dispose();

    private SqliteConversationStore Store() => new(Options.Create(new StorageOptions { DataDirectory = _temp.Path }), TimeProvider.System);
}
