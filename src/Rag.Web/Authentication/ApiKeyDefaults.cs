namespace Rag.Web.Authentication;

/// <summary>Names of the API key authentication scheme and the claims the app reads.</summary>
internal static class ApiKeyDefaults
{
    /// <summary>The authentication scheme.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>Prefix of the user id of a key's caller.</summary>
    public const string UserIdPrefix = "apikey:";
}
