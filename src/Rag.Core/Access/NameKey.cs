using System.Globalization;
using System.Text;

namespace Rag.Core.Access;

/// <summary>
/// The one rule by which group names and document set names are stored and compared.
/// A name is <b>normalised</b> by removing surrounding white space and applying Unicode NFC; its <b>key</b> is the
/// normalised name with only the ASCII letters A–Z folded to a–z; two names are the same when their keys are
/// ordinally equal. So <c>SALES</c> equals <c>sales</c>, while <c>ſales</c> (long s), a dotless
/// <c>ı</c>, a Turkish <c>İ</c> and fullwidth <c>ｓａｌｅｓ</c> are all different names, and a Kelvin sign <c>K</c> is refused:
/// no Unicode case mapping or compatibility folding can make one name read another's documents.
/// </summary>
/// <remarks>
/// A name must be 1 to <see cref="MaxLength"/> characters after normalisation and may not contain control, format
/// (zero-width, bidirectional), private-use, unassigned or surrogate code points, nor white space other than the
/// ordinary space. Unassigned code points are refused because a later Unicode version could give them a
/// normalisation that changes the key of a stored name. A character that NFC replaces by a different one on its own
/// (KELVIN SIGN by K, OHM SIGN by Ω, ANGSTROM SIGN by Å, CJK compatibility ideographs) is refused too, so that
/// normalisation only ever joins a letter and its combining marks and never makes two different-looking names one.
/// </remarks>
public static class NameKey
{
    /// <summary>Longest name, in UTF-16 code units after normalisation.</summary>
    public const int MaxLength = 256;

    /// <summary>Compares names by <see cref="For"/>; a name that breaks the rule equals only itself, ordinally.</summary>
    public static StringComparer Comparer { get; } = new KeyComparer();

    /// <summary>The stored form of <paramref name="name"/>: trimmed and NFC.</summary>
    /// <param name="name">The name as given.</param>
    /// <param name="kind">What the name names, for the error message (for example "group" or "document set").</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> breaks the rule; the message says how.</exception>
    public static string Normalize(string name, string kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryNormalize(name, out var normalized, out var error)
            ? normalized
            : throw new ArgumentException($"The {kind} name {error}");
    }

    /// <summary>The comparison key of <paramref name="name"/>: <see cref="Normalize"/>, then ASCII A–Z to a–z.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> breaks the rule; the message says how.</exception>
    public static string For(string name, string kind) => FoldAscii(Normalize(name, kind));

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are valid names with the same key.</summary>
    public static bool AreSame(string? a, string? b) =>
        TryKey(a, out var ka) && TryKey(b, out var kb) && string.Equals(ka, kb, StringComparison.Ordinal);

    /// <summary>The key of <paramref name="name"/>, or false when it breaks the rule.</summary>
    public static bool TryKey(string? name, out string key)
    {
        key = string.Empty;
        if (name is null || !TryNormalize(name, out var normalized, out _))
        {
            return false;
        }

        key = FoldAscii(normalized);
        return true;
    }

    /// <summary>Normalises <paramref name="name"/>, or says why it breaks the rule (<paramref name="error"/> reads after "The name ").</summary>
    public static bool TryNormalize(string name, out string normalized, out string error)
    {
        ArgumentNullException.ThrowIfNull(name);
        normalized = string.Empty;
        var trimmed = name.Trim();
        if (trimmed.Length == 0)
        {
            error = "is empty.";
            return false;
        }

        // Checked before normalising: NFC of a lone surrogate throws, and NFC never introduces a refused code point.
        for (var i = 0; i < trimmed.Length;)
        {
            if (Rune.DecodeFromUtf16(trimmed.AsSpan(i), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                error = $"'{Escape(trimmed)}' contains an unpaired surrogate U+{(int)trimmed[i]:X4}.";
                return false;
            }

            if (Refused(rune) is { } why)
            {
                error = $"'{Escape(trimmed)}' contains U+{rune.Value:X4} ({why}); names may not contain control, format, private-use or unassigned characters, nor white space other than a space.";
                return false;
            }

            // A character that NFC replaces by another whatever surrounds it (KELVIN SIGN by K, OHM SIGN by Ω, ...):
            // normalising it would quietly merge two names that read differently, so the name is refused instead.
            var alone = rune.ToString();
            if (!alone.IsNormalized(NormalizationForm.FormC))
            {
                var replacement = string.Join(' ', alone.Normalize(NormalizationForm.FormC).EnumerateRunes().Select(r => $"U+{r.Value:X4}"));
                error = $"'{Escape(trimmed)}' contains U+{rune.Value:X4}, which Unicode normalisation (NFC) replaces by {replacement}; write {replacement} instead.";
                return false;
            }

            i += used;
        }

        var nfc = trimmed.Normalize(NormalizationForm.FormC);
        if (nfc.Length > MaxLength)
        {
            error = $"'{Escape(nfc[..40])}…' is {nfc.Length} characters long; the limit is {MaxLength}.";
            return false;
        }

        normalized = nfc;
        error = string.Empty;
        return true;
    }

    /// <summary><paramref name="name"/> with every refused or non-printing code point written as \u{XXXX}: safe to show.</summary>
    public static string Escape(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length;)
        {
            if (Rune.DecodeFromUtf16(name.AsSpan(i), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{{{(int)name[i]:X4}}}");
                i++;
                continue;
            }

            if (Refused(rune) is null)
            {
                builder.Append(name, i, used);
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{{{rune.Value:X4}}}");
            }

            i += used;
        }

        return builder.ToString();
    }

    private static string? Refused(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control => "a control character",
        UnicodeCategory.Format => "a format character",
        UnicodeCategory.PrivateUse => "a private-use character",
        UnicodeCategory.OtherNotAssigned => "an unassigned code point",
        UnicodeCategory.Surrogate => "a surrogate",
        UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => "a line break",
        UnicodeCategory.SpaceSeparator when rune.Value != ' ' => "white space other than a space",
        _ => null,
    };

    private static string FoldAscii(string normalized) =>
        string.Create(normalized.Length, normalized, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
            }
        });

    private sealed class KeyComparer : StringComparer
    {
        public override int Compare(string? x, string? y) =>
            string.CompareOrdinal(KeyOrSelf(x), KeyOrSelf(y));

        public override bool Equals(string? x, string? y) =>
            string.Equals(KeyOrSelf(x), KeyOrSelf(y), StringComparison.Ordinal);

        public override int GetHashCode(string obj)
        {
            ArgumentNullException.ThrowIfNull(obj);
            return KeyOrSelf(obj)!.GetHashCode(StringComparison.Ordinal);
        }

        // A name that breaks the rule keeps an invalid form, so it can never equal a valid name's key.
        private static string? KeyOrSelf(string? name) => name is null ? null : TryKey(name, out var key) ? key : "\0" + name;
    }
}
