using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Rag.Web.Accounts;

/// <summary>The local password rule (Identity's password options say the same) and a generator of passwords that pass it.</summary>
internal static class PasswordRule
{
    public const string Description = "at least 12 characters with an upper-case and a lower-case letter, a digit and a symbol";

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "-_.!#%+=";

    public static void Apply(PasswordOptions password)
    {
        ArgumentNullException.ThrowIfNull(password);
        password.RequiredLength = AccountsOptions.MinPasswordLength;
        password.RequireUppercase = true;
        password.RequireLowercase = true;
        password.RequireDigit = true;
        password.RequireNonAlphanumeric = true;
    }

    public static bool IsStrong(string password) =>
        password.Length >= AccountsOptions.MinPasswordLength
        && password.Any(char.IsAsciiLetterUpper) && password.Any(char.IsAsciiLetterLower) && password.Any(char.IsAsciiDigit)
        && password.Any(c => !char.IsLetterOrDigit(c));

    /// <summary>24 random characters (about 140 bits) that pass the rule; no look-alikes (0/O, 1/l/I), easy to copy.</summary>
    public static string Generate()
    {
        while (true)
        {
            var candidate = RandomNumberGenerator.GetString(Upper + Lower + Digits + Symbols, 24);
            if (IsStrong(candidate))
            {
                return candidate;
            }
        }
    }
}
