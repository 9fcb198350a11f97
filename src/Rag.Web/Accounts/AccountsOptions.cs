using System.ComponentModel.DataAnnotations;

namespace Rag.Web.Accounts;

/// <summary>Local accounts (<c>Rag:Web:Accounts</c>): the first admin's password, lockout, the sign-in throttle and how soon a change reaches a signed-in user.</summary>
internal sealed class AccountsOptions
{
    public const string SectionName = "Rag:Web:Accounts";

    /// <summary>Shortest password a local account may have.</summary>
    public const int MinPasswordLength = 12;

    /// <summary>
    /// The password of the first admin (user <c>admin</c>) when no admin exists yet, for automation; it is not printed.
    /// Empty: a strong one is generated and printed once to standard output.
    /// </summary>
    public string? InitialAdminPassword { get; set; }

    /// <summary>
    /// The groups the first admin reads when it is created (empty by default: an admin manages sets but reads no
    /// documents until given groups). <c>rag up</c> sets the sample readers' group, so the demo admin can ask at once.
    /// </summary>
    public string[] InitialAdminGroups { get; set; } = [];

    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    [Range(1, 100, ErrorMessage = "Rag:Web:Accounts:MaxFailedAccessAttempts must be 1 to 100.")]
    public int MaxFailedAccessAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ErrorMessage = "Rag:Web:Accounts:LockoutDuration must be 1 second to 30 days.")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Failed form sign-ins from one client address (any user names) within <see cref="FailedSignInWindow"/> after which
    /// that address's sign-ins are refused, unchecked, for <see cref="FailedSignInWindow"/>. Identity's lockout is per
    /// account; this stops one address from spraying passwords across accounts and from growing the audit trail.
    /// </summary>
    [Range(1, 10_000, ErrorMessage = "Rag:Web:Accounts:FailedSignInsPerAddress must be 1 to 10000.")]
    public int FailedSignInsPerAddress { get; set; } = 20;

    /// <summary>How long a failed sign-in counts towards <see cref="FailedSignInsPerAddress"/>, and how long a throttled address waits.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Rag:Web:Accounts:FailedSignInWindow must be 1 second to 1 day.")]
    public TimeSpan FailedSignInWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How often a signed-in user's cookie and open pages (circuits) are checked against the accounts database: a role or
    /// group change, a lock or a deleted account takes effect within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Rag:Web:Accounts:RevalidationInterval must be 1 second to 1 hour.")]
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a sign-in lasts without use (sliding: each use renews it).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Rag:Web:Accounts:SessionLifetime must be 1 minute to 30 days.")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
