namespace Rag.Web.Workspaces.Users;

/// <summary>A local account as the Users page shows it (never the password hash).</summary>
public sealed record UserAccountView(string Id, string UserName, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups, bool Locked);
