using System.ComponentModel.DataAnnotations;

namespace Rag.Web.Accounts;

/// <summary>The sign-in form.</summary>
internal sealed class SignInInput
{
    [Required(ErrorMessage = "Enter your user name.")]
    [StringLength(256, ErrorMessage = "A user name has at most 256 characters.")]
    public string UserName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(1024, ErrorMessage = "A password has at most 1024 characters.")]
    public string Password { get; set; } = string.Empty;
}
