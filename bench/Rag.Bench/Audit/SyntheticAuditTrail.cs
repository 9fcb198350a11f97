using System.Globalization;
using System.Text;
using System.Text.Json;
using Rag.Core.Audit;
using Rag.Core.Ids;

namespace Rag.Bench.Audit;

/// <summary>
/// Deterministic synthetic audit events shaped like the application's own: question / retrieval / answer triples
/// sharing a correlation id (as <c>QuestionService</c> writes them: eight chunk ids and their document ids as the
/// retrieval's targets, cited chunk ids as the answer's), sign-ins, document ingestion, permission changes, audit reads
/// and blocked egress. Users and documents are drawn from Zipf distributions, so a few are busy and most are quiet.
/// </summary>
public sealed class SyntheticAuditTrail
{
    /// <summary>The embedding model recorded with questions and retrievals.</summary>
    public const string EmbeddingModelId = "use-lite";

    /// <summary>Chunks retrieved per question.</summary>
    public const int ChunksPerRetrieval = 8;

    private static readonly string[] s_words =
    [
        "policy", "leave", "expense", "travel", "report", "contract", "invoice", "approval", "manager", "deadline",
        "budget", "security", "password", "laptop", "remote", "office", "holiday", "salary", "pension", "training",
        "customer", "supplier", "audit", "quarter", "revenue", "forecast", "project", "handbook", "procedure", "safety",
        "incident", "privacy", "retention", "archive", "request", "form", "deadline", "signature", "limit", "claim",
        "the", "a", "for", "of", "to", "in", "when", "how", "what", "which", "is", "are", "my", "our", "can", "should",
        "must", "after", "before", "with", "without", "per", "annual", "monthly", "new", "current", "previous", "team",
    ];

    private static readonly string[] s_groups =
    [
        "employees", "finance", "hr", "legal", "engineering", "sales", "support", "management", "it", "compliance",
        "marketing", "procurement", "facilities", "research", "contractors",
    ];

    private static readonly string[] s_firstNames = ["Anna", "Ben", "Chloé", "David", "Eva", "Felix", "Grace", "Hugo", "Ines", "Jonas", "Kira", "Lars", "Mia", "Noah", "Olga", "Paul"];
    private static readonly string[] s_lastNames = ["Müller", "Schmidt", "Dubois", "Rossi", "García", "Nowak", "Jensen", "Novak", "Smith", "Kowalski", "Bauer", "Moreau"];
    private static readonly string[] s_complianceRole = ["compliance"];
    private static readonly string[] s_changedKeys = ["Rag:Retrieval:RrfK"];
    private static readonly string[] s_hosts = ["api.openai.com:443", "huggingface.co:443", "telemetry.example.net:443", "pypi.org:443", "8.8.8.8:53"];

    // Relative weights of the kinds of activity (a question is one unit that writes three records).
    private static readonly (string Kind, double Weight)[] s_kinds =
    [
        ("question", 0.80),
        (AuditActions.SignIn, 0.09),
        (AuditActions.DocumentIndexed, 0.05),
        (AuditActions.DocumentFailed, 0.004),
        (AuditActions.DocumentRemoved, 0.004),
        (AuditActions.AuditRead, 0.02),
        (AuditActions.EgressBlocked, 0.01),
        (AuditActions.DocumentSetChanged, 0.005),
        (AuditActions.DocumentSetCreated, 0.002),
        (AuditActions.PermissionChanged, 0.002),
        (AuditActions.RoleChanged, 0.002),
        (AuditActions.ConfigurationChanged, 0.001),
        (AuditActions.ModelChanged, 0.0005),
        (AuditActions.AuditExported, 0.001),
        (AuditActions.AuditVerified, 0.002),
    ];

    private readonly Random _random;
    private readonly (AuditActor Actor, string Client)[] _users;
    private readonly int[] _admins;
    private readonly int[] _compliance;
    private readonly (string Id, string Set, string Path, string Version)[] _documents;
    private readonly string[] _sets;
    private readonly WeightedSampler _userPicker;
    private readonly WeightedSampler _documentPicker;
    private readonly WeightedSampler _kindPicker;
    private readonly Queue<AuditEvent> _pending = new();

    /// <summary>Creates the generator; the same arguments give the same events.</summary>
    /// <param name="seed">Seed of every random choice.</param>
    /// <param name="users">Distinct users (the first 5 % are admins, the next 3 % compliance officers; at least one of each).</param>
    /// <param name="documents">Distinct documents, spread over about one set per 200 documents.</param>
    public SyntheticAuditTrail(int seed, int users = 200, int documents = 5_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(documents);
        _random = new Random(seed);
        _users = new (AuditActor, string)[users];
        for (var i = 0; i < users; i++)
        {
            var id = NewGuid().ToString("D", CultureInfo.InvariantCulture);
            var name = s_firstNames[_random.Next(s_firstNames.Length)] + " " + s_lastNames[_random.Next(s_lastNames.Length)];
            var groups = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => s_groups[_random.Next(s_groups.Length)]).Distinct().Order(StringComparer.Ordinal).ToArray();
            var admins = Math.Max(1, users / 20);
            IReadOnlyList<string> roles = i < admins ? ["admin"] : i < admins + Math.Max(1, users * 3 / 100) ? ["compliance"] : [];
            _users[i] = (new AuditActor(id, name, groups, roles), FormattableString.Invariant($"10.{i / 250 % 256}.{i % 250}.{_random.Next(2, 250)}"));
        }

        _admins = [.. Enumerable.Range(0, users).Where(i => _users[i].Actor.Roles.Contains("admin"))];
        _compliance = [.. Enumerable.Range(0, users).Where(i => _users[i].Actor.Roles.Contains("compliance"))];
        _sets = [.. Enumerable.Range(0, Math.Max(1, documents / 200)).Select(i => s_groups[i % s_groups.Length] + (i < s_groups.Length ? string.Empty : "-" + (i / s_groups.Length).ToString(CultureInfo.InvariantCulture)))];
        _documents = new (string, string, string, string)[documents];
        for (var i = 0; i < documents; i++)
        {
            var set = _sets[_random.Next(_sets.Length)];
            var path = FormattableString.Invariant($"{set}/{s_words[_random.Next(40)]}/{s_words[_random.Next(40)]}-{i}.pdf");
            _documents[i] = (Rag.Core.Ids.DocumentIds.For(set, path), set, path, Convert.ToHexStringLower(NewGuid().ToByteArray()) + Convert.ToHexStringLower(NewGuid().ToByteArray()));
        }

        _userPicker = WeightedSampler.Zipf(users, 0.8);
        _documentPicker = WeightedSampler.Zipf(documents, 0.9);
        _kindPicker = new WeightedSampler([.. s_kinds.Select(k => k.Weight)]);
    }

    /// <summary>Every action this generator writes.</summary>
    public static IReadOnlyList<string> Actions { get; } =
        [AuditActions.QuestionAsked, AuditActions.ChunksRetrieved, AuditActions.AnswerGiven, .. s_kinds.Skip(1).Select(k => k.Kind)];

    /// <summary>Every outcome this generator writes.</summary>
    public static IReadOnlyList<string> Outcomes { get; } =
        [AuditOutcomes.Ok, AuditOutcomes.Answered, AuditOutcomes.NothingFound, AuditOutcomes.Denied, AuditOutcomes.Failed];

    /// <summary>The users' ids, busiest first.</summary>
    public IReadOnlyList<string> UserIds => [.. _users.Select(u => u.Actor.Id)];

    /// <summary>The documents' ids, most often retrieved first.</summary>
    public IReadOnlyList<string> DocumentIds => [.. _documents.Select(d => d.Id)];

    /// <summary>Adds the next <paramref name="count"/> events to <paramref name="batch"/>.</summary>
    public void NextBatch(List<AuditEvent> batch, int count)
    {
        ArgumentNullException.ThrowIfNull(batch);
        for (var i = 0; i < count; i++)
        {
            batch.Add(Next());
        }
    }

    /// <summary>The next event (a question's three records come one after another).</summary>
    public AuditEvent Next()
    {
        if (_pending.Count == 0)
        {
            Generate();
        }

        return _pending.Dequeue();
    }

    private void Generate()
    {
        var kind = s_kinds[_kindPicker.Next(_random)].Kind;
        switch (kind)
        {
            case "question":
                Question();
                break;
            case AuditActions.SignIn:
                var (user, client) = _users[_userPicker.Next(_random)];
                var roll = _random.NextDouble();
                _pending.Enqueue(Event(kind, user, [], roll < 0.94 ? AuditOutcomes.Ok : roll < 0.99 ? AuditOutcomes.Denied : AuditOutcomes.Failed, null, client));
                break;
            case AuditActions.DocumentIndexed or AuditActions.DocumentFailed or AuditActions.DocumentRemoved:
                var document = _documents[_documentPicker.Next(_random)];
                var actor = kind == AuditActions.DocumentIndexed && _random.NextDouble() < 0.7 ? AuditActor.System : Admin();
                var detail = kind == AuditActions.DocumentFailed
                    ? JsonSerializer.Serialize(new { path = document.Path, error = "The PDF could not be parsed: unexpected end of stream." })
                    : JsonSerializer.Serialize(new { path = document.Path, version = document.Version, chunks = _random.Next(5, 120), pages = _random.Next(1, 60) });
                _pending.Enqueue(Event(kind, actor, [document.Id, document.Set], kind == AuditActions.DocumentFailed ? AuditOutcomes.Failed : AuditOutcomes.Ok, detail, AuditContext.LocalClient) with
                {
                    ModelId = kind == AuditActions.DocumentIndexed ? EmbeddingModelId : null,
                });
                break;
            case AuditActions.AuditRead or AuditActions.AuditExported or AuditActions.AuditVerified:
                var (officer, officerClient) = _users[_compliance[_random.Next(_compliance.Length)]];
                var subject = _users[_userPicker.Next(_random)].Actor.Id;
                var denied = kind == AuditActions.AuditRead && _random.NextDouble() < 0.03;
                _pending.Enqueue(Event(kind, officer, [], denied ? AuditOutcomes.Denied : AuditOutcomes.Ok, JsonSerializer.Serialize(new { userId = subject, pageSize = 100 }), officerClient));
                break;
            case AuditActions.EgressBlocked:
                _pending.Enqueue(Event(kind, AuditActor.System, [s_hosts[_random.Next(s_hosts.Length)]], AuditOutcomes.Denied, JsonSerializer.Serialize(new { reason = "host not on the egress allow-list" }), null));
                break;
            case AuditActions.DocumentSetChanged or AuditActions.DocumentSetCreated or AuditActions.PermissionChanged:
                var set = _sets[_random.Next(_sets.Length)];
                var groups = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => s_groups[_random.Next(s_groups.Length)]).Distinct().ToArray();
                _pending.Enqueue(Event(kind, Admin(), [set], AuditOutcomes.Ok, JsonSerializer.Serialize(new { groups, previousGroups = kind == AuditActions.DocumentSetCreated ? null : new[] { s_groups[0] } }), AuditContext.LocalClient));
                break;
            case AuditActions.RoleChanged:
                var target = _users[_random.Next(_users.Length)].Actor.Id;
                _pending.Enqueue(Event(kind, Admin(), [target], AuditOutcomes.Ok, JsonSerializer.Serialize(new { roles = s_complianceRole }), AuditContext.LocalClient));
                break;
            default: // configuration or model changed: recorded by the application itself
                _pending.Enqueue(Event(kind, AuditActor.System, kind == AuditActions.ModelChanged ? [EmbeddingModelId] : [], AuditOutcomes.Ok, JsonSerializer.Serialize(new { changed = s_changedKeys }), AuditContext.LocalClient) with
                {
                    ModelId = kind == AuditActions.ModelChanged ? EmbeddingModelId : null,
                    ModelVersion = kind == AuditActions.ModelChanged ? Convert.ToHexStringLower(NewGuid().ToByteArray()) : null,
                });
                break;
        }
    }

    private void Question()
    {
        var (user, client) = _users[_userPicker.Next(_random)];
        var correlation = NewGuid().ToString("N", CultureInfo.InvariantCulture);
        _pending.Enqueue(Event(AuditActions.QuestionAsked, user, [], AuditOutcomes.Ok, JsonSerializer.Serialize(new Dictionary<string, string> { ["question"] = Sentence(6, 16) + "?" }), client) with
        {
            CorrelationId = correlation,
            ModelId = EmbeddingModelId,
        });

        var documents = Enumerable.Range(0, _random.Next(2, 6)).Select(_ => _documents[_documentPicker.Next(_random)]).DistinctBy(d => d.Id).ToArray();
        var score = 0.9 + (_random.NextDouble() * 0.1);
        var hits = new List<(string DocumentId, string Version, string ChunkId, double Score)>(ChunksPerRetrieval);
        for (var i = 0; i < ChunksPerRetrieval; i++)
        {
            var document = documents[i < documents.Length ? i : _random.Next(documents.Length)];
            hits.Add((document.Id, document.Version, ChunkIds.For(document.Id, document.Version, _random.Next(0, 80)).ToString("D", CultureInfo.InvariantCulture), score));
            score *= 0.85 + (_random.NextDouble() * 0.1);
        }

        var chunks = hits.Select(h => new { documentId = h.DocumentId, version = h.Version, chunkId = h.ChunkId, score = Math.Round(h.Score, 6) });
        _pending.Enqueue(Event(
            AuditActions.ChunksRetrieved,
            user,
            [.. hits.Select(h => h.DocumentId).Distinct(StringComparer.Ordinal), .. hits.Select(h => h.ChunkId)],
            AuditOutcomes.Ok,
            JsonSerializer.Serialize(new { chunks }),
            client) with { CorrelationId = correlation, ModelId = EmbeddingModelId });

        var found = _random.NextDouble() < 0.82;
        var citations = found ? hits.Take(_random.Next(1, 4)).Select(h => h.ChunkId).Distinct(StringComparer.Ordinal).ToArray() : [];
        var answer = found ? Sentence(30, 80) + "." : "I could not find this in the documents you can read.";
        _pending.Enqueue(Event(AuditActions.AnswerGiven, user, citations, found ? AuditOutcomes.Answered : AuditOutcomes.NothingFound, JsonSerializer.Serialize(new Dictionary<string, string> { ["answer"] = answer }), client) with
        {
            CorrelationId = correlation,
            ModelId = "extractive",
        });
    }

    private static AuditEvent Event(string action, AuditActor actor, IReadOnlyList<string> targets, string outcome, string? detail, string? client) =>
        new(action, actor, targets, outcome) { Detail = detail, ClientAddress = client };

    private AuditActor Admin() => _users[_admins[_random.Next(_admins.Length)]].Actor;

    private string Sentence(int minWords, int maxWords)
    {
        var words = _random.Next(minWords, maxWords + 1);
        var text = new StringBuilder(words * 8);
        for (var i = 0; i < words; i++)
        {
            text.Append(i == 0 ? string.Empty : " ").Append(s_words[_random.Next(s_words.Length)]);
        }

        return text.ToString();
    }

    private Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
