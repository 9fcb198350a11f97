using Rag.Core.Access;
using Rag.Core.Audit;

namespace Rag.Cli;

/// <summary>
/// Who runs a command, worked out in one place: the operating-system account that started the process (always what the
/// audit trail records as the actor, <c>os:ACCOUNT</c>), the user it says it acts for (<c>--user</c>, else <c>RAG_USER</c>;
/// recorded beside the actor, never instead of it) and the groups it asks as (<c>--groups</c>, else <c>RAG_GROUPS</c>).
/// </summary>
internal sealed class CliUser
{
    /// <summary>Prefix of an actor id that is an operating-system account.</summary>
    public const string AccountPrefix = "os:";

    private CliUser(string account, string? onBehalfOf, IReadOnlyList<string> groups)
    {
        Account = account;
        OnBehalfOf = onBehalfOf;
        Groups = groups;
    }

    /// <summary>The operating-system account that ran the command.</summary>
    public string Account { get; }

    /// <summary>The user named by <c>--user</c> or <c>RAG_USER</c> when it differs from the account; otherwise null.</summary>
    public string? OnBehalfOf { get; }

    /// <summary>The groups given by <c>--groups</c> or <c>RAG_GROUPS</c> (possibly none).</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>The actor id the audit trail records: <c>os:ACCOUNT</c>.</summary>
    public string ActorId => AccountPrefix + Account;

    /// <summary>
    /// The user whose conversations these are: the account, and the one acted for beside it (<c>ACCOUNT on behalf of
    /// USER</c>), so one shell account cannot continue or read another's conversation by passing its <c>--user</c>.
    /// A Unix account name holds no spaces, so no account and on-behalf-of pair spells another account's key.
    /// </summary>
    public string UserId => OnBehalfOf is null ? Account : $"{Account} on behalf of {OnBehalfOf}";

    /// <summary>Resolves the user of <paramref name="context"/> from the options given (null: not given) and the environment.</summary>
    /// <exception cref="ArgumentException">The user is blank.</exception>
    public static CliUser Resolve(CliContext context, string? user = null, string? groups = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var onBehalfOf = user ?? Environment.GetEnvironmentVariable("RAG_USER");
        if (onBehalfOf is not null && string.IsNullOrWhiteSpace(onBehalfOf))
        {
            throw new ArgumentException("--user (or RAG_USER) is blank: give the user you act for, or leave it out.");
        }

        onBehalfOf = onBehalfOf?.Trim();
        return new CliUser(
            context.Account,
            string.Equals(onBehalfOf, context.Account, StringComparison.Ordinal) ? null : onBehalfOf,
            CliContext.SplitList(groups ?? Environment.GetEnvironmentVariable("RAG_GROUPS")));
    }

    /// <summary>The access scope of a question: <see cref="UserId"/> in <see cref="Groups"/>.</summary>
    public AccessScope Scope() => new(UserId, Groups);

    /// <summary>
    /// The audit actor: id <c>os:ACCOUNT</c> (after <paramref name="prefix"/>, e.g. <c>eval:</c>), display name the account
    /// and, when acting for someone, <c>ACCOUNT on behalf of USER</c>; groups as given, and <paramref name="roles"/>.
    /// </summary>
    public AuditActor Actor(IReadOnlyList<string> roles, string prefix = "") =>
        new(prefix + ActorId, OnBehalfOf is null ? Account : $"{Account} on behalf of {OnBehalfOf}", Groups, roles);

    /// <summary>The audit context of a question asked by this user in <paramref name="scope"/> on this machine.</summary>
    public AuditContext QuestionContext(AccessScope scope, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(scope);
        var actor = new AuditActor(prefix + ActorId, Actor([]).DisplayName, [.. scope.Groups.Order(StringComparer.Ordinal)], []);
        return new AuditContext(actor, AuditContext.LocalClient) { OnBehalfOf = OnBehalfOf };
    }
}
