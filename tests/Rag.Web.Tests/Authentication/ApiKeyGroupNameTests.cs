using System.Text;
using System.Text.Json;
using Rag.Core.Access;
using Rag.Testing;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.Authentication;

/// <summary>
/// An API key's groups are compared by the one name rule (NFC, ASCII letters folded, ordinal). One set is readable
/// by groups <c>sales</c> and <c>it</c>; keys whose group only looks like one of them (or folds to it under Unicode
/// case mapping) read nothing, while keys with the same name in other ASCII case read the set.
/// </summary>
public sealed class ApiKeyGroupNameTests : IAsyncLifetime, IDisposable
{
    private const string Marker = "QUARTZLYNX-5521";
    private const string Question = "What is the sales bonus code?";

    private static readonly (string Id, string Group)[] Lookalikes =
    [
        ("long-s", "\u017Fales"),                       // ſ: upper-invariant SALES
        ("dotless-i", "\u0131t"),                       // ı: upper-invariant IT
        ("dotted-capital-i", "\u0130T"),                // İ
        ("fullwidth", "\uFF53\uFF41\uFF4C\uFF45\uFF53"), // ｓａｌｅｓ
        ("cyrillic-a", "s\u0430les"),                   // Cyrillic а
    ];

    private static readonly (string Id, string Group)[] Readers = [("upper", "SALES"), ("mixed", "It")];

    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private RunningApp? _app;

    public async Task InitializeAsync()
    {
        var data = _temp.Combine("data");
        var docs = Directory.CreateDirectory(_temp.Combine("docs", "sales")).FullName;
        await File.WriteAllTextAsync(Path.Combine(docs, "bonus.md"), $"# Sales bonus\n\nThe sales bonus code is {Marker}.\n\nIt is paid every quarter.\n");
        await ApiFixture.IngestAsync(data, docs, "sales", "sales", "it");
        foreach (var (id, _) in Lookalikes.Concat(Readers))
        {
            _keys[id] = ApiKeys.Create(id);
        }

        _app = await RunningApp.StartAsync(data, ApiFixture.Keys([.. Lookalikes.Concat(Readers).Select(k => (k.Id, _keys[k.Id], k.Group))]));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ChatCompletions_KeyGroupUnicodeLookalikeOfTheReadingGroup_GetsNothing()
    {
        foreach (var (id, group) in Lookalikes)
        {
            var text = await AskAsync(_keys[id]);

            Assert.False(text.Contains(Marker, StringComparison.Ordinal), $"key '{id}' in group '{group}' read the set of 'sales'/'it'");
            Assert.Contains("\"foundRelevant\":false", text, StringComparison.Ordinal);
        }

        foreach (var (id, _) in Readers)
        {
            Assert.Contains(Marker, await AskAsync(_keys[id]), StringComparison.Ordinal);
        }
    }

    private async Task<string> AskAsync(string key)
    {
        var body = JsonSerializer.Serialize(new { model = "rag", messages = new[] { new { role = "user", content = Question } } });
        using var request = RunningApp.Request(HttpMethod.Post, "v1/chat/completions", key, new StringContent(body, Encoding.UTF8, "application/json"));
        using var response = await _app!.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
