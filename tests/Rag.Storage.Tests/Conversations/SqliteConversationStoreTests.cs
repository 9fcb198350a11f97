using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Rag.Core.Conversations;
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
        await store.AppendAsync("ana", "c1", Turn("q1", "a1"));
        await store.AppendAsync("ana", "c1", Turn("q2", "a2"));
        await store.AppendAsync("ana", "c1", Turn("q3", "a3"));
        await store.AppendAsync("ana", "c2", Turn("other conversation", "x"));
        await store.AppendAsync("ben", "c1", Turn("same id, other user", "y"));

        var last = await store.LoadAsync("ana", "c1", 2);

        Assert.Equal(["q2", "q3"], last.Select(t => t.Question));
        Assert.Equal(["a2", "a3"], last.Select(t => t.Answer));
        Assert.Equal(["same id, other user"], (await store.LoadAsync("ben", "c1", 10)).Select(t => t.Question));
        Assert.Empty(await store.LoadAsync("cy", "c1", 10));
    }

    [Fact]
    public async Task AppendAsync_SurvivesReopeningWithItsSets()
    {
        await Store().AppendAsync("ana", "c1", new ConversationTurn("q1", "a1", ["finance", "handbook"]));
        await Store().AppendAsync("ana", "c1", new ConversationTurn("q2", "nothing found", []));

        var turns = await Store().LoadAsync("ana", "c1", 10);

        Assert.Equal(["q1", "q2"], turns.Select(t => t.Question));
        Assert.Equal(["finance", "handbook"], turns[0].SetNames);
        Assert.Equal([], turns[1].SetNames);
    }

    [Fact]
    public async Task AppendAsync_TurnWithoutSets_Throws()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Store().AppendAsync("ana", "c1", new ConversationTurn("q", "a", null)));

        Assert.Contains("document sets", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_FileWrittenBeforeTurnsKeptTheirSets_OpensAndItsTurnsHaveNoScope()
    {
        // conversations.db as the previous release wrote it: no set_names column.
        var path = Path.Combine(_temp.Path, SqliteConversationStore.FileName);
        await using (var previous = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await previous.OpenAsync();
            await using var command = previous.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE turns (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    user_id TEXT NOT NULL,
                    conversation_id TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
                    text TEXT NOT NULL,
                    created_utc TEXT NOT NULL);
                CREATE INDEX turns_by_conversation ON turns (user_id, conversation_id, seq);
                INSERT INTO turns (user_id, conversation_id, role, text, created_utc) VALUES
                    ('ana', 'c1', 'user', 'old question', '2999-01-01T00:00:00.0000000+00:00'),
                    ('ana', 'c1', 'assistant', 'old answer', '2999-01-01T00:00:00.0000000+00:00');
                """;
            await command.ExecuteNonQueryAsync();
        }

        var store = Store();
        var before = await store.LoadAsync("ana", "c1", 10);
        await store.AppendAsync("ana", "c1", Turn("new question", "new answer"));
        var after = await Store().LoadAsync("ana", "c1", 10);

        var old = Assert.Single(before);
        Assert.Equal(("old question", "old answer"), (old.Question, old.Answer));
        Assert.Null(old.SetNames);
        Assert.Equal(["old question", "new question"], after.Select(t => t.Question));
        Assert.Null(after[0].SetNames);
        Assert.Equal(["handbook"], after[1].SetNames);
    }

    [Fact]
    public async Task AppendAsync_DeletesTurnsOlderThanTheRetention()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new SqliteConversationStore(Options.Create(new StorageOptions { DataDirectory = _temp.Path, ConversationRetention = TimeSpan.FromDays(30) }), clock);
        await store.AppendAsync("ana", "old", Turn("q-old", "a-old"));
        await store.AppendAsync("ben", "kept", Turn("q-kept", "a-kept"));
        clock.Advance(TimeSpan.FromDays(20));
        await store.AppendAsync("ben", "kept", Turn("q2", "a2"));
        clock.Advance(TimeSpan.FromDays(11));

        await store.AppendAsync("cy", "new", Turn("q-new", "a-new"));

        Assert.Empty(await store.LoadAsync("ana", "old", 10));
        Assert.Equal(["q2"], (await store.LoadAsync("ben", "kept", 10)).Select(t => t.Question));
        Assert.Single(await store.LoadAsync("cy", "new", 10));
    }

    [Fact]
    public async Task ListAsync_ListsOnlyThisUsersConversationsMostRecentFirstTitledByTheFirstQuestion()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var store = new SqliteConversationStore(Options.Create(new StorageOptions { DataDirectory = _temp.Path }), clock);
        await store.AppendAsync("ana", "c1", Turn("first of c1", "a"));
        clock.Advance(TimeSpan.FromMinutes(1));
        await store.AppendAsync("ana", "c2", Turn("first of c2", "a"));
        clock.Advance(TimeSpan.FromMinutes(1));
        await store.AppendAsync("ben", "c1", Turn("ben's secret question", "ben's secret answer"));
        await store.AppendAsync("ben", "b9", Turn("ben's other question", "b"));
        clock.Advance(TimeSpan.FromMinutes(1));
        await store.AppendAsync("ana", "c1", Turn("second of c1", "a"));

        var listed = await store.ListAsync("ana", 10);

        Assert.Equal(["c1", "c2"], listed.Select(c => c.ConversationId));
        Assert.Equal(["first of c1", "first of c2"], listed.Select(c => c.Title));
        Assert.Equal([2, 1], listed.Select(c => c.Turns));
        Assert.Equal(clock.GetUtcNow(), listed[0].LastActivity);
        Assert.Equal(["ben's other question", "ben's secret question"], (await store.ListAsync("ben", 10)).Select(c => c.Title).Order(StringComparer.Ordinal));
        Assert.Empty(await store.ListAsync("cy", 10));
    }

    [Fact]
    public async Task ListAsync_MoreConversationsThanAsked_ReturnsTheMostRecent()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var store = new SqliteConversationStore(Options.Create(new StorageOptions { DataDirectory = _temp.Path }), clock);
        foreach (var id in new[] { "c1", "c2", "c3" })
        {
            await store.AppendAsync("ana", id, Turn("q " + id, "a"));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["c3", "c2"], (await store.ListAsync("ana", 2)).Select(c => c.ConversationId));
        Assert.Empty(await store.ListAsync("ana", 0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad\nid")]
    public async Task AppendAsync_InvalidConversationId_Throws(string id)
    {
        var store = Store();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.AppendAsync("ana", id, Turn("q", "a")));
    }

    public void Dispose() => _temp.Dispose();

    private static ConversationTurn Turn(string question, string answer) => new(question, answer, ["handbook"]);

    private SqliteConversationStore Store() => new(Options.Create(new StorageOptions { DataDirectory = _temp.Path }), TimeProvider.System);
}
