using System.Security.Claims;
using System.Text.Json;
using Rag.Core.Access;
using Rag.Core.Audit;
using Rag.Web.Authentication;

namespace Rag.Web.Workspaces.Users;

/// <summary>
/// What the Users page does, checked on the server whatever the page shows: only an Admin may list, create, change or
/// lock accounts; names, roles and groups are validated before anything is stored; every change is audited
/// (<c>role.changed</c>, <c>permission.changed</c>) before it is made, so an unrecordable change is not made.
/// </summary>
internal sealed class UserAdministration(IUserAccountDirectory accounts, IAuditLog audit)
{
    public const int MaxUserNameLength = 64;

    public Task<IReadOnlyList<UserAccountView>> ListAsync(ClaimsPrincipal caller, CancellationToken cancellationToken = default)
    {
        RequireAdmin(caller);
        return accounts.ListAsync(cancellationToken);
    }

    public async Task<UserAccountView> CreateAsync(ClaimsPrincipal caller, string userName, string password, IEnumerable<string> roles, IEnumerable<string> groups, CancellationToken cancellationToken = default)
    {
        RequireAdmin(caller);
        var name = ValidUserName(userName);
        if (string.IsNullOrEmpty(password))
        {
            throw new ArgumentException("An initial password is required.", nameof(password));
        }

        var validRoles = ValidRoles(roles);
        var validGroups = ValidGroups(groups);
        var created = await accounts.CreateAsync(name, password, validRoles, validGroups, cancellationToken);
        await RecordAsync(caller, AuditActions.RoleChanged, created, new { change = "created", roles = validRoles, groups = validGroups }, cancellationToken);
        return created;
    }

    public async Task<UserAccountView> SetRolesAndGroupsAsync(ClaimsPrincipal caller, string userId, IEnumerable<string> roles, IEnumerable<string> groups, CancellationToken cancellationToken = default)
    {
        RequireAdmin(caller);
        var before = await accounts.FindAsync(userId, cancellationToken) ?? throw new ArgumentException($"There is no user '{userId}'.", nameof(userId));
        var validRoles = ValidRoles(roles);
        var validGroups = ValidGroups(groups);
        if (RagClaims.UserId(caller) == before.Id && before.Roles.Contains(RagRoles.Admin) && !validRoles.Contains(RagRoles.Admin))
        {
            throw new ArgumentException("You cannot take the Admin role from yourself: ask another admin.", nameof(roles));
        }

        await RecordAsync(caller, AuditActions.RoleChanged, before, new { change = "roles-groups", rolesBefore = before.Roles, roles = validRoles, groupsBefore = before.Groups, groups = validGroups }, cancellationToken);
        return await accounts.SetRolesAndGroupsAsync(before.Id, validRoles, validGroups, cancellationToken);
    }

    public async Task<UserAccountView> SetLockedAsync(ClaimsPrincipal caller, string userId, bool locked, CancellationToken cancellationToken = default)
    {
        RequireAdmin(caller);
        var before = await accounts.FindAsync(userId, cancellationToken) ?? throw new ArgumentException($"There is no user '{userId}'.", nameof(userId));
        if (locked && RagClaims.UserId(caller) == before.Id)
        {
            throw new ArgumentException("You cannot lock your own account.", nameof(userId));
        }

        await RecordAsync(caller, AuditActions.PermissionChanged, before, new { change = locked ? "locked" : "unlocked" }, cancellationToken);
        return await accounts.SetLockedAsync(before.Id, locked, cancellationToken);
    }

    private static void RequireAdmin(ClaimsPrincipal caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Identity?.IsAuthenticated != true || !caller.IsInRole(RagRoles.Admin))
        {
            throw new UnauthorizedAccessException("Only an Admin may manage users.");
        }
    }

    private static string ValidUserName(string? userName)
    {
        var name = userName?.Trim() ?? string.Empty;
        if (name.Length is 0 or > MaxUserNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            throw new ArgumentException($"A user name is 1 to {MaxUserNameLength} characters: letters, digits, '.', '-', '_' or '@'.", nameof(userName));
        }

        return name;
    }

    private static List<string> ValidRoles(IEnumerable<string> roles)
    {
        var valid = new List<string>();
        foreach (var role in roles ?? [])
        {
            var canonical = RagRoles.All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"'{role}' is not a role: use {string.Join(", ", RagRoles.All)}.", nameof(roles));
            if (!valid.Contains(canonical))
            {
                valid.Add(canonical);
            }
        }

        return valid;
    }

    private static List<string> ValidGroups(IEnumerable<string> groups)
    {
        var valid = new List<string>();
        foreach (var group in (groups ?? []).Where(g => !string.IsNullOrWhiteSpace(g)))
        {
            // NameKey's message says what is wrong with the name.
            var name = NameKey.Normalize(group, "group");
            if (!valid.Contains(name, NameKey.Comparer))
            {
                valid.Add(name);
            }
        }

        return valid;
    }

    private async Task RecordAsync(ClaimsPrincipal caller, string action, UserAccountView target, object detail, CancellationToken cancellationToken)
    {
        var actor = RagClaims.Actor(caller) with { Roles = [.. caller.FindAll(ClaimTypes.Role).Select(c => c.Value)] };
        await audit.AppendAsync(
            new AuditEvent(action, actor, [target.Id], AuditOutcomes.Ok) { Detail = JsonSerializer.Serialize(detail) },
            cancellationToken);
    }
}
