namespace Rag.Web.Authentication.External;

/// <summary>What the provider's token said about the user, before mapping.</summary>
/// <param name="Subject">The stable id (Entra: <c>oid</c>; otherwise <c>sub</c>).</param>
/// <param name="Name">The display name (falls back to the subject).</param>
/// <param name="Roles">The provider's role values.</param>
/// <param name="Groups">The provider's group ids or names.</param>
/// <param name="GroupOverage">The token says the groups did not fit (<c>_claim_names</c> names groups, or <c>hasgroups</c>).</param>
internal sealed record ExternalIdentity(string Subject, string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups, bool GroupOverage);
