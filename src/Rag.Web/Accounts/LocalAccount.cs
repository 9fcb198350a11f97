namespace Rag.Web.Accounts;

/// <summary>One local account as the Users page lists it.</summary>
internal sealed record LocalAccount(string Id, string UserName, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups, DateTimeOffset? LockedOutUntil);
