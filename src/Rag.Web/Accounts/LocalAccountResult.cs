using Microsoft.AspNetCore.Identity;

namespace Rag.Web.Accounts;

/// <summary>The outcome of an account change: success, or every reason it was refused (nothing was changed then).</summary>
internal sealed record LocalAccountResult(IReadOnlyList<string> Errors)
{
    public static LocalAccountResult Success { get; } = new([]);

    public bool Succeeded => Errors.Count == 0;

    public static LocalAccountResult Failed(params string[] errors) => new(errors);

    public static LocalAccountResult From(IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Succeeded ? Success : new([.. result.Errors.Select(e => e.Description)]);
    }

    public void ThrowIfFailed(string what)
    {
        if (!Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", Errors)}");
        }
    }
}
