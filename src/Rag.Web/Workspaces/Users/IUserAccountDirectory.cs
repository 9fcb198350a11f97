namespace Rag.Web.Workspaces.Users;

/// <summary>The local accounts the Users page manages (implemented over the app's local account store).</summary>
internal interface IUserAccountDirectory
{
    Task<IReadOnlyList<UserAccountView>> ListAsync(CancellationToken cancellationToken = default);

    Task<UserAccountView?> FindAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Creates the account; throws <see cref="ArgumentException"/> with the store's reason (name taken, weak password).</summary>
    Task<UserAccountView> CreateAsync(string userName, string password, IReadOnlyList<string> roles, IReadOnlyList<string> groups, CancellationToken cancellationToken = default);

    Task<UserAccountView> SetRolesAndGroupsAsync(string userId, IReadOnlyList<string> roles, IReadOnlyList<string> groups, CancellationToken cancellationToken = default);

    Task<UserAccountView> SetLockedAsync(string userId, bool locked, CancellationToken cancellationToken = default);
}
