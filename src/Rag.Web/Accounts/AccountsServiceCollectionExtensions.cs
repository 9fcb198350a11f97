using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Rag.Web.Accounts;

/// <summary>Registers local accounts: Identity over <c>accounts.db</c>, lockout, revalidation, the sign-in throttle, the first admin, <see cref="LocalAccounts"/> and the admin safeguards.</summary>
internal static class AccountsServiceCollectionExtensions
{
    public static IServiceCollection AddRagAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AccountsOptions>().Bind(configuration.GetSection(AccountsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccountsOptions>, AccountsOptionsValidator>());
        services.AddSingleton<AccountsDatabase>();
        services.AddDbContext<AccountsDbContext>((provider, db) => db.UseSqlite(provider.GetRequiredService<AccountsDatabase>().ConnectionString));
        services.AddIdentityCore<RagUser>(identity =>
            {
                PasswordRule.Apply(identity.Password);
                identity.Lockout.AllowedForNewUsers = true;
                identity.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddSignInManager();
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountsOptions>>((identity, accounts) =>
        {
            identity.Lockout.MaxFailedAccessAttempts = accounts.Value.MaxFailedAccessAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = accounts.Value.LockoutDuration;
        });
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<AccountsOptions>>((validator, accounts) =>
            validator.ValidationInterval = accounts.Value.RevalidationInterval);
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IOptions<AccountsOptions>>((cookie, accounts) =>
            cookie.ExpireTimeSpan = accounts.Value.SessionLifetime);
        services.AddScoped<AuthenticationStateProvider, RagRevalidatingAuthenticationStateProvider>();
        services.AddScoped<LocalAccounts>();
        services.AddScoped<LocalSignIn>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<AdminChangeGate>();
        services.AddScoped<AdminGuard>();
        services.AddHostedService<AccountsStartup>();
        return services;
    }
}
