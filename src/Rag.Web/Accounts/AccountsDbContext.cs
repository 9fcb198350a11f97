using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Rag.Web.Accounts;

/// <summary>The accounts database (<see cref="AccountsDatabase.FileName"/>): Identity's users, roles, claims (groups) and lockout state.</summary>
internal sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options) : IdentityDbContext<RagUser, IdentityRole, string>(options);
