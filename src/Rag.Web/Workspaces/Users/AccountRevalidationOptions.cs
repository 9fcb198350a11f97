using System.ComponentModel.DataAnnotations;

namespace Rag.Web.Workspaces.Users;

/// <summary>How soon a change to a user's roles, groups or lock takes effect for a signed-in session: <c>Rag:Web:Accounts</c>.</summary>
public sealed class AccountRevalidationOptions
{
    public const string SectionName = "Rag:Web:Accounts";

    /// <summary>
    /// Every open page (Blazor circuit) and every signed-in cookie is checked against the account this often; a session
    /// whose roles or groups changed, or whose account was locked or removed, is signed out at the next check.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Rag:Web:Accounts:RevalidationInterval must be between 00:00:01 and 01:00:00.")]
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}
