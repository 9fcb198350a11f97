using Rag.Core.Audit;

namespace Rag.Bench.Audit;

/// <summary>The fixed mix of filters the compliance UI will send, with parameters drawn from the synthetic trail.</summary>
public static class AuditQueryMix
{
    /// <summary>Pages read by the paging shape.</summary>
    public const int PagingDepth = 5;

    /// <summary>The shapes, in the order they are run.</summary>
    /// <param name="users">User ids to pick from.</param>
    /// <param name="documents">Document ids to pick from (the target filter).</param>
    /// <param name="from">Time of the first record.</param>
    /// <param name="to">Time of the last record.</param>
    /// <param name="pageSize">Records per page.</param>
    public static IReadOnlyList<AuditQueryShape> Create(IReadOnlyList<string> users, IReadOnlyList<string> documents, DateTimeOffset from, DateTimeOffset to, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentOutOfRangeException.ThrowIfLessThan(to, from);
        var actions = SyntheticAuditTrail.Actions;
        var outcomes = SyntheticAuditTrail.Outcomes;
        var page = new AuditQuery { PageSize = pageSize };
        string Pick(Random random, IReadOnlyList<string> values) => values[random.Next(values.Count)];
        AuditQuery Window(Random random, TimeSpan length)
        {
            var room = Math.Max(0, (to - from - length).Ticks);
            var start = from + TimeSpan.FromTicks((long)(random.NextDouble() * room));
            return page with { From = start, To = start + length };
        }

        return
        [
            new("user", "one user (actor id)", 1, r => page with { UserId = Pick(r, users) }),
            new("action", "one action", 1, r => page with { Action = Pick(r, actions) }),
            new("target", "one document id among the targets", 1, r => page with { Target = Pick(r, documents) }),
            new("outcome", "one outcome", 1, r => page with { Outcome = Pick(r, outcomes) }),
            new("time-1d", "a 1-day window", 1, r => Window(r, TimeSpan.FromDays(1))),
            new("time-30d", "a 30-day window", 1, r => Window(r, TimeSpan.FromDays(30))),
            new("user+time-30d", "one user in a 30-day window", 1, r => Window(r, TimeSpan.FromDays(30)) with { UserId = Pick(r, users) }),
            new("action+outcome", "one action with one outcome (any pair, so some match nothing)", 1, r => page with { Action = Pick(r, actions), Outcome = Pick(r, outcomes) }),
            new("none", "no filter (the newest page)", 1, _ => page),
            new("user-page-5", "one user, page 5 (keyset paging with Before)", PagingDepth, r => page with { UserId = Pick(r, users) }),
        ];
    }
}
