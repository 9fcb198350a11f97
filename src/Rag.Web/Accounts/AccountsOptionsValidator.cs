using Microsoft.Extensions.Options;

namespace Rag.Web.Accounts;

/// <summary>A configured first-admin password must pass the same rule as every local password.</summary>
internal sealed class AccountsOptionsValidator : IValidateOptions<AccountsOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrEmpty(options.InitialAdminPassword) || PasswordRule.IsStrong(options.InitialAdminPassword)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{AccountsOptions.SectionName}:InitialAdminPassword must be {PasswordRule.Description}.");
    }
}
