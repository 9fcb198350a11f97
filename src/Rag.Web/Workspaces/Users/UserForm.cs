using System.ComponentModel.DataAnnotations;

namespace Rag.Web.Workspaces.Users;

/// <summary>The Users page's form: a new account, or the roles and groups of an existing one.</summary>
public sealed class UserForm
{
    [Required(ErrorMessage = "A user name is required.")]
    [StringLength(64, ErrorMessage = "A user name is at most 64 characters.")]
    public string UserName { get; set; } = string.Empty;

    /// <summary>Only for a new account; the account's password rules apply (the store says which failed).</summary>
    public string Password { get; set; } = string.Empty;

    public bool Employee { get; set; }

    public bool Admin { get; set; }

    public bool ComplianceOfficer { get; set; }

    /// <summary>Group names, separated by commas or new lines.</summary>
    public string Groups { get; set; } = string.Empty;

    public IReadOnlyList<string> Roles() =>
        [.. new[] { (Employee, Authentication.RagRoles.Employee), (Admin, Authentication.RagRoles.Admin), (ComplianceOfficer, Authentication.RagRoles.ComplianceOfficer) }
            .Where(r => r.Item1).Select(r => r.Item2)];

    public IReadOnlyList<string> GroupList() =>
        [.. Groups.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
