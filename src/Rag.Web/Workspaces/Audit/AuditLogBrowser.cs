using System.Security.Claims;
using System.Text.Json;
using Rag.Core.Audit;

namespace Rag.Web.Workspaces.Audit;

/// <summary>
/// The audit grid's data: a page at any offset and the total count for a filter, both done by the store in SQL. Every
/// page shown is recorded first (<see cref="AuditActions.AuditRead"/>, with the filter and the rows asked for); when that
/// record cannot be written nothing is shown.
/// </summary>
public sealed class AuditLogBrowser(IAuditLog log, IAuditSearch search)
{
    /// <summary>Most rows one page may ask for.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of the records matching <paramref name="filter"/>, newest first unless <paramref name="oldestFirst"/>.</summary>
    /// <exception cref="UnauthorizedAccessException">The caller is not a compliance officer.</exception>
    /// <exception cref="ArgumentException">The filter or the range is not valid.</exception>
    /// <exception cref="AuditUnavailableException">The read could not be recorded, so nothing is shown.</exception>
    public async Task<AuditLogSlice> GetPageAsync(
        ClaimsPrincipal user, AuditLogFilter filter, int start, int count, bool oldestFirst, string clientAddress, CancellationToken cancellationToken = default)
    {
        ComplianceAccess.Demand(user);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        if (count is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A page holds 1 to {MaxPageSize} rows.");
        }

        if (filter.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(filter));
        }

        // The newest record now bounds every page of this filter, so the rows do not shift as records are appended.
        var through = filter.Through ?? ((await log.QueryAsync(new AuditQuery { PageSize = 1 }, cancellationToken)).Records is [var newest] ? newest.Sequence : 0);
        var bounded = filter with { Through = through };
        await log.AppendAsync(
            new AuditEvent(AuditActions.AuditRead, ComplianceAccess.Actor(user), [], AuditOutcomes.Ok)
            {
                Detail = JsonSerializer.Serialize(new
                {
                    from = bounded.From, to = bounded.To, user = bounded.UserId, action = bounded.Action, document = bounded.Document,
                    outcome = bounded.Outcome, through, start, count, oldestFirst,
                }),
                ClientAddress = clientAddress,
            },
            cancellationToken);
        var query = bounded.ToQuery(count);
        var total = await search.CountAsync(query, cancellationToken);
        var records = await search.SliceAsync(query, start, oldestFirst, cancellationToken);
        return new AuditLogSlice(records, total, through);
    }
}
