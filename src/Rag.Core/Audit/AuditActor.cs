namespace Rag.Core.Audit;

/// <summary>Who did something, as they were at that moment: id, display name, groups and roles.</summary>
/// <param name="Id">Stable user id (Entra object id, OS user for the command line, <c>system</c> for the worker).</param>
/// <param name="DisplayName">Name shown to compliance officers.</param>
/// <param name="Groups">The actor's groups at that moment.</param>
/// <param name="Roles">The actor's roles at that moment (e.g. <c>admin</c>, <c>compliance</c>).</param>
public sealed record AuditActor(string Id, string DisplayName, IReadOnlyList<string> Groups, IReadOnlyList<string> Roles)
{
    /// <summary>The ingestion worker and other unattended work.</summary>
    public static AuditActor System { get; } = new("system", "system", [], []);

    /// <summary>An actor known only by id (display name = id, no groups or roles).</summary>
    public static AuditActor FromId(string id) => new(id, id, [], []);
}
