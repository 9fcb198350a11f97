using System.Globalization;
using System.Text;

namespace Rag.Web.Workspaces.Documents;

/// <summary>
/// The name an uploaded file is stored under, which is also the document's path in its set (and so its id): the name
/// exactly as sent, or a reason to refuse it. Nothing is rewritten, so the name shown is the name stored; a name that
/// could reach outside the set's folder (a path, <c>..</c>), hide itself (a leading dot) or mislead (control or
/// format characters) is refused.
/// </summary>
internal static class UploadFileName
{
    /// <summary>Longest name in UTF-8 bytes (the usual file-system limit).</summary>
    public const int MaxBytes = 255;

    /// <summary>True with the name to store, or false with the reason (it reads after "refused: ").</summary>
    public static bool TryValidate(string? name, out string stored, out string reason)
    {
        stored = string.Empty;
        if (string.IsNullOrWhiteSpace(name))
        {
            reason = "the file has no name";
            return false;
        }

        if (!name.IsNormalized(NormalizationForm.FormC))
        {
            name = name.Normalize(NormalizationForm.FormC);
        }

        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            reason = "its name contains a path ('/' or '\\'): upload the file under its own name";
            return false;
        }

        if (name.StartsWith('.'))
        {
            reason = "its name starts with '.' (hidden files and '..' are not accepted)";
            return false;
        }

        if (name != name.Trim())
        {
            reason = "its name starts or ends with white space";
            return false;
        }

        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                || rune.Value == 0xFFFD || (Rune.IsWhiteSpace(rune) && rune.Value != ' '))
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"its name contains the character U+{rune.Value:X4}, which file names here may not hold");
                return false;
            }
        }

        if (Encoding.UTF8.GetByteCount(name) > MaxBytes)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"its name is longer than {MaxBytes} bytes");
            return false;
        }

        stored = name;
        reason = string.Empty;
        return true;
    }
}
