using Microsoft.Extensions.Options;
using Rag.Core.Access;

namespace Rag.Web.Accounts;

/// <summary>A configured first-admin password must pass the same rule as every local password.</summary>
internal sealed class AccountsOptionsValidator : IValidateOptions<AccountsOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrEmpty(options.InitialAdminPassword) && !PasswordRule.IsStrong(options.InitialAdminPassword))
        {
            return ValidateOptionsResult.Fail($"{AccountsOptions.SectionName}:InitialAdminPassword must be {PasswordRule.Description}.");
        }

        foreach (var group in options.InitialAdminGroups)
        {
            try
            {
                NameKey.Normalize(group, "group");
            }
            catch (ArgumentException ex)
            {
                return ValidateOptionsResult.Fail($"{AccountsOptions.SectionName}:InitialAdminGroups: {ex.Message}");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
