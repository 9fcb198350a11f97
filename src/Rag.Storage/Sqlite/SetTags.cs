using System.Text;

namespace Rag.Storage.Sqlite;

/// <summary>
/// The token that names a chunk's set in the keyword index's <c>set_tag</c> column: <c>s</c> + the lower-case hex of
/// the canonical set name's UTF-8 bytes (SQL: <c>'s' || lower(hex(set_name))</c>). One token per set, made of letters
/// and digits only, so the tokenizer keeps it whole and no set's tag is another's.
/// </summary>
internal static class SetTags
{
    /// <summary>The tag of the set whose canonical name is <paramref name="canonicalSetName"/>.</summary>
    public static string Of(string canonicalSetName) => "s" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(canonicalSetName));
}
