namespace Rag.Web.Accounts;

/// <summary>Where to go after signing in: only a path of this app, never another site (an open redirect).</summary>
internal static class LocalReturnUrl
{
    public static string Of(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains("://", StringComparison.Ordinal)
            ? url
            : "/";
}
