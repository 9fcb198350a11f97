namespace Rag.Web.Authentication.External;

/// <summary>Reads a configured role name (any case) as one of <see cref="RagRoles"/>.</summary>
internal static class RoleNames
{
    /// <summary>The role's canonical spelling when <paramref name="value"/> names one; otherwise null.</summary>
    public static string? Canonical(string? value) =>
        RagRoles.All.FirstOrDefault(r => string.Equals(r, value?.Trim(), StringComparison.OrdinalIgnoreCase));
}
