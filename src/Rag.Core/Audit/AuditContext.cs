namespace Rag.Core.Audit;

/// <summary>Who is asking, from where: what every record of a request carries besides its own content.</summary>
/// <param name="Actor">The signed-in user as they are now.</param>
/// <param name="ClientAddress">The client's address (<c>local</c> for the command line).</param>
public sealed record AuditContext(AuditActor Actor, string ClientAddress)
{
    /// <summary>Address recorded for the command line.</summary>
    public const string LocalClient = "local";

    /// <summary>Whom <see cref="Actor"/> says they act for (the command line's <c>--user</c>), recorded beside the actor, never instead.</summary>
    public string? OnBehalfOf { get; init; }
}
