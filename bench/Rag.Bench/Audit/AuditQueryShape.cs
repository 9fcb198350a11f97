using Rag.Core.Audit;

namespace Rag.Bench.Audit;

/// <summary>One kind of compliance query: a filter whose parameters are drawn at random, and how many pages deep to read.</summary>
/// <param name="Name">Short name, used in the table and the JSON.</param>
/// <param name="Description">What the filter is.</param>
/// <param name="Pages">Pages read per query (following <see cref="AuditPage.NextBefore"/>); only the last page is timed.</param>
/// <param name="Next">Draws the next query's filter.</param>
public sealed record AuditQueryShape(string Name, string Description, int Pages, Func<Random, AuditQuery> Next);
