using System.Text.Json;
using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Web.Api;

namespace Rag.Web.Authentication;

/// <summary>
/// Bounds what refused sign-ins write to the audit trail, so a client without a key cannot fill the disk with records
/// (after which every question would be refused). Time is cut into windows of <see cref="ApiOptions.DeniedSignInWindow"/>;
/// in each, the first <see cref="ApiOptions.DeniedSignInsRecordedPerAddress"/> refusals of a client address (and at most
/// <see cref="ApiOptions.DeniedSignInsRecordedPerWindow"/> of all addresses together) are recorded one by one, the rest
/// only counted, and one summary record per address says how many there were. No refusal goes uncounted.
/// </summary>
internal sealed class DeniedSignInLimiter(IOptions<ApiOptions> options, TimeProvider time)
{
    /// <summary>Most client addresses tallied in one window; refusals from further addresses share one tally.</summary>
    public const int MaxTrackedAddresses = 10_000;

    /// <summary>The client address of the tally of addresses beyond <see cref="MaxTrackedAddresses"/>.</summary>
    public const string OtherAddresses = "other-addresses";

    private readonly Lock _lock = new();
    private Dictionary<string, DeniedSignInTally> _tallies = new(StringComparer.Ordinal);
    private long _window = long.MinValue;
    private int _recordedInWindow;

    private TimeSpan Window => options.Value.DeniedSignInWindow;

    /// <summary>
    /// Counts one refusal. True when it is to be recorded on its own; either way <paramref name="summaries"/> holds
    /// the summaries of windows that have ended since the last call, to be recorded now.
    /// </summary>
    public bool Admit(string clientAddress, string? keyId, string reason, out IReadOnlyList<AuditEvent> summaries)
    {
        ArgumentNullException.ThrowIfNull(clientAddress);
        ArgumentNullException.ThrowIfNull(reason);
        lock (_lock)
        {
            var now = time.GetUtcNow();
            summaries = Roll(now, force: false);
            var api = options.Value;
            if (!_tallies.TryGetValue(clientAddress, out var tally))
            {
                if (_tallies.Count >= MaxTrackedAddresses)
                {
                    clientAddress = OtherAddresses;
                }

                tally = _tallies.TryGetValue(clientAddress, out var shared) ? shared : _tallies[clientAddress] = new DeniedSignInTally();
            }

            if (clientAddress != OtherAddresses && tally.Recorded < api.DeniedSignInsRecordedPerAddress && _recordedInWindow < api.DeniedSignInsRecordedPerWindow)
            {
                tally.Recorded++;
                _recordedInWindow++;
                return true;
            }

            tally.Count(keyId, reason);
            return false;
        }
    }

    /// <summary>Summaries of the windows that have ended; with <paramref name="all"/> (shutting down) the current one too, cut short now.</summary>
    public IReadOnlyList<AuditEvent> TakeSummaries(bool all)
    {
        lock (_lock)
        {
            return Roll(time.GetUtcNow(), all);
        }
    }

    private List<AuditEvent> Roll(DateTimeOffset now, bool force)
    {
        var window = now.UtcTicks / Window.Ticks;
        if (window == _window && !force)
        {
            return [];
        }

        var summaries = new List<AuditEvent>();
        var start = new DateTimeOffset(_window == long.MinValue ? now.UtcTicks : _window * Window.Ticks, TimeSpan.Zero);
        var end = start + Window < now ? start + Window : now;
        foreach (var (address, tally) in _tallies.Where(t => t.Value.Counted > 0).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            summaries.Add(Summary(address, tally, start, end));
        }

        _tallies = new Dictionary<string, DeniedSignInTally>(StringComparer.Ordinal);
        _recordedInWindow = 0;
        _window = window;
        return summaries;
    }

    private static AuditEvent Summary(string address, DeniedSignInTally tally, DateTimeOffset start, DateTimeOffset end)
    {
        var detail = JsonSerializer.Serialize(new
        {
            scheme = ApiKeyDefaults.Scheme,
            summary = true,
            count = tally.Counted,
            recordedSeparately = tally.Recorded,
            windowStart = start,
            windowEnd = end,
            reasons = tally.Reasons,
            keyIds = tally.KeyIds,
        });
        var targets = tally.KeyIds.Select(id => ApiKeyDefaults.UserIdPrefix + id).ToArray();
        return new AuditEvent(AuditActions.SignIn, AuditActor.FromId(DeniedSignInRecords.Anonymous), targets, AuditOutcomes.Denied)
        {
            Detail = detail,
            ClientAddress = address,
        };
    }
}
