using Microsoft.AspNetCore.Identity;

namespace Rag.Web.Accounts;

/// <summary>A local account (ASP.NET Core Identity). Its id is <c>local:</c> + the user name, so audit records read.</summary>
internal sealed class RagUser : IdentityUser
{
    /// <summary>Prefix of a local account's id (and so of its audit actor id).</summary>
    public const string IdPrefix = "local:";

    public RagUser()
    {
    }

    public RagUser(string userName)
        : base(userName)
    {
        Id = IdPrefix + userName.ToLowerInvariant();
    }
}
