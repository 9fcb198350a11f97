namespace Rag.Web.Workspaces.Status;

/// <summary>The role the Status workspace requires (the value of RagRoles.Admin in the shared web design).</summary>
internal static class StatusRoles
{
    public const string Admin = "Admin";
}
