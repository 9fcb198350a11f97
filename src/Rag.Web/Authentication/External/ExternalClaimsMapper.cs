using System.Security.Claims;
using System.Text.Json;
using Rag.Core.Access;

namespace Rag.Web.Authentication.External;

/// <summary>
/// Turns a provider's principal into the app's: <c>NameIdentifier</c> <c>scheme:subject</c>, the mapped
/// <see cref="RagRoles"/> as role claims and the (mapped) groups as <c>groups</c> claims. No mapped role: no principal.
/// </summary>
internal static class ExternalClaimsMapper
{
    public static ExternalIdentity Read(ClaimsPrincipal provider, ExternalSignInOptions options, string nameClaim)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(options);
        var subject = Value(provider, "oid") ?? Value(provider, "sub") ?? Value(provider, ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The provider's token names no subject (oid or sub).");
        var name = Value(provider, nameClaim) ?? Value(provider, "preferred_username") ?? subject;
        var overage = provider.FindAll("_claim_names").Any(c => NamesGroups(c.Value, options.GroupsClaim))
            || string.Equals(Value(provider, "hasgroups"), "true", StringComparison.OrdinalIgnoreCase);
        return new ExternalIdentity(subject, name, Values(provider, options.RoleClaim), Values(provider, options.GroupsClaim), overage);
    }

    /// <summary>The app's principal, or null when no provider role is mapped to a Rag role.</summary>
    public static ClaimsPrincipal? Map(ExternalIdentity identity, IReadOnlyList<string> providerGroups, ExternalSignInOptions options, string scheme)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(options);
        var roles = identity.Roles
            .Select(r => options.RoleMap.TryGetValue(r, out var mapped) ? RoleNames.Canonical(mapped) : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (roles.Count == 0)
        {
            return null;
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, scheme + ":" + identity.Subject),
            new(ClaimTypes.Name, identity.Name),
            new(ClaimTypes.AuthenticationMethod, scheme),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(MapGroups(providerGroups, options).Select(g => new Claim(RagClaims.Groups, g)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>Mapped names where the map has one, the provider's id otherwise; names the app cannot store are dropped.</summary>
    public static IReadOnlyList<string> MapGroups(IReadOnlyList<string> providerGroups, ExternalSignInOptions options) =>
        [.. providerGroups
            .Select(g => options.GroupMap.TryGetValue(g, out var mapped) ? mapped : g)
            .Where(g => NameKey.TryKey(g, out _))
            .Select(g => NameKey.Normalize(g, "group"))
            .Distinct(NameKey.Comparer)];

    private static string? Value(ClaimsPrincipal principal, string type) =>
        principal.FindFirst(type)?.Value is { Length: > 0 } value ? value : null;

    private static List<string> Values(ClaimsPrincipal principal, string type) =>
        [.. principal.FindAll(type).SelectMany(c => Split(c.Value)).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)];

    // Some token handlers keep a JSON array as one claim; most make one claim per element.
    private static string[] Split(string value)
    {
        if (!value.StartsWith('['))
        {
            return [value.Trim()];
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(value) ?? [];
        }
        catch (JsonException)
        {
            return [value.Trim()];
        }
    }

    private static bool NamesGroups(string claimNames, string groupsClaim)
    {
        try
        {
            using var document = JsonDocument.Parse(claimNames);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(groupsClaim, out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
