using System.Globalization;
using Microsoft.Extensions.Options;
using Rag.Core.Access;

namespace Rag.Web.Api;

/// <summary>Checks the configured keys: ids unique and well-formed, hashes 64 hex digits, groups present and valid names (<see cref="NameKey"/>).</summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"Rag:Api:Keys:{i}");
            if (!ApiKeys.IsValidId(key.Id))
            {
                failures.Add($"{at}:Id '{key.Id}' is invalid: use 1 to {ApiKeys.MaxIdLength} letters, digits, '-' or '.'.");
            }
            else if (!ids.Add(key.Id))
            {
                failures.Add($"{at}:Id '{key.Id}' is used by another key: ids must be unique.");
            }

            if (key.KeySha256.Length != 64 || !key.KeySha256.All(char.IsAsciiHexDigit))
            {
                failures.Add($"{at}:KeySha256 must be the key's SHA-256 as 64 hex digits (rag api-key create prints it), not the key itself.");
            }

            if (key.Groups.Count == 0 || key.Groups.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{at}:Groups must list at least one group, none empty: they decide which documents the key may read.");
            }

            for (var j = 0; j < key.Groups.Count; j++)
            {
                if (!string.IsNullOrWhiteSpace(key.Groups[j]) && !NameKey.TryNormalize(key.Groups[j], out _, out var error))
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"{at}:Groups:{j}: the group name {error}"));
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
