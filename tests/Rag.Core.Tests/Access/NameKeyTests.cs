using Rag.Core.Access;

namespace Rag.Core.Tests.Access;

public sealed class NameKeyTests
{
    /// <summary>Each pair: an ASCII name and a look-alike that Unicode case mapping or compatibility folding would merge with it.</summary>
    public static TheoryData<string, string> UnicodeTraps => new()
    {
        { "sales", "\u017Fales" },                              // ſ LATIN SMALL LETTER LONG S: ToUpperInvariant gives S
        { "it", "\u0131t" },                                    // ı dotless i: ToUpperInvariant gives I
        { "it", "\u0130t" },                                    // İ Turkish capital I with dot
        { "sales", "\uFF53\uFF41\uFF4C\uFF45\uFF53" },          // ｓａｌｅｓ fullwidth: NFKC gives sales
        { "finance", "\uFB01nance" },                           // ﬁ ligature: NFKC and case folding give fi
        { "strasse", "stra\u00DFe" },                           // ß: full case folding gives ss
    };

    [Theory]
    [MemberData(nameof(UnicodeTraps))]
    public void AreSame_UnicodeCaseFoldingTrap_False(string ascii, string lookalike)
    {
        Assert.False(NameKey.AreSame(ascii, lookalike));
        Assert.False(NameKey.AreSame(ascii.ToUpperInvariant(), lookalike));
        Assert.NotEqual(NameKey.For(ascii, "group"), NameKey.For(lookalike, "group"));
        Assert.False(NameKey.Comparer.Equals(ascii, lookalike));
    }

    [Theory]
    [InlineData("sales", "SALES")]
    [InlineData("Sales", "sAlEs")]
    [InlineData("  team-a ", "TEAM-A")]
    [InlineData("A\u0308rzte", "\u00C4rzte")]   // NFD and NFC spellings of Ärzte
    [InlineData("Domain Users", "domain users")]
    public void AreSame_AsciiCaseOrNormalisationForm_True(string a, string b)
    {
        Assert.True(NameKey.AreSame(a, b));
        Assert.True(NameKey.Comparer.Equals(a, b));
        Assert.Equal(NameKey.Comparer.GetHashCode(a), NameKey.Comparer.GetHashCode(b));
    }

    [Theory]
    [InlineData("\u00C4rzte", "\u00E4rzte")]    // Ärzte / ärzte: only ASCII letters ignore case
    [InlineData("\u0394elta", "\u03B4elta")]    // Greek capital and small delta
    public void AreSame_NonAsciiCaseDifference_False(string a, string b)
    {
        Assert.False(NameKey.AreSame(a, b));
    }

    [Fact]
    public void Normalize_DecomposedName_ReturnsNfcKeepingCase()
    {
        Assert.Equal("\u00C4rzte", NameKey.Normalize(" A\u0308rzte ", "document set"));
        Assert.Equal("\u00C4rzte", NameKey.For("A\u0308rzte", "document set"));
        Assert.Equal("hr-\u00C4rzte", NameKey.For("HR-\u00C4rzte", "group"));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   ", "is empty")]
    [InlineData("sa\u0007les", "U+0007")]        // control (bell)
    [InlineData("sa\tles", "U+0009")]            // tab
    [InlineData("sa\nles", "U+000A")]            // line feed
    [InlineData("sa\u200Bles", "U+200B")]        // zero-width space (format)
    [InlineData("sa\u202Eles", "U+202E")]        // right-to-left override (format)
    [InlineData("sa\u00A0les", "U+00A0")]        // no-break space
    [InlineData("sa\u2028les", "U+2028")]        // line separator
    [InlineData("\uE000sales", "U+E000")]        // private use
    [InlineData("sa\u0378les", "U+0378")]        // unassigned
    public void Normalize_BrokenName_ThrowsSayingWhy(string name, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => NameKey.Normalize(name, "group"));

        Assert.StartsWith("The group name ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(NameKey.TryKey(name, out _));
        Assert.DoesNotContain(error.Message, c => char.IsControl(c) || char.IsSurrogate(c));
    }

    [Fact]
    public void Normalize_UnpairedSurrogate_ThrowsNamingIt()
    {
        // Built here: xUnit would replace a lone surrogate in InlineData with U+FFFD.
        var name = "sa" + (char)0xD800 + "les";

        var error = Assert.Throws<ArgumentException>(() => NameKey.Normalize(name, "group"));

        Assert.Contains("U+D800", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Message, char.IsSurrogate);
    }

    [Theory]
    [InlineData("\u212Aiosk", "U+212A", "U+004B")]   // KELVIN SIGN: NFC would turn it into K, so kiosk would read kiosk
    [InlineData("\u2126mega", "U+2126", "U+03A9")]   // OHM SIGN: NFC gives Greek capital omega
    [InlineData("\u212Bngstrom", "U+212B", "U+00C5")] // ANGSTROM SIGN: NFC gives Å
    public void Normalize_CharacterNfcWouldReplace_ThrowsNamingBoth(string name, string refused, string replacement)
    {
        var error = Assert.Throws<ArgumentException>(() => NameKey.Normalize(name, "group"));

        Assert.Contains(refused, error.Message, StringComparison.Ordinal);
        Assert.Contains(replacement, error.Message, StringComparison.Ordinal);
        Assert.False(NameKey.AreSame(name, name.Normalize(System.Text.NormalizationForm.FormC)));
    }

    [Fact]
    public void Normalize_TooLong_ThrowsNamingTheLimit()
    {
        var error = Assert.Throws<ArgumentException>(() => NameKey.Normalize(new string('g', NameKey.MaxLength + 1), "group"));

        Assert.Contains(NameKey.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Equal(NameKey.MaxLength, NameKey.Normalize(new string('g', NameKey.MaxLength), "group").Length);
    }

    [Fact]
    public void Comparer_BrokenName_EqualsOnlyItself()
    {
        Assert.True(NameKey.Comparer.Equals("a\u0007", "a\u0007"));
        Assert.False(NameKey.Comparer.Equals("a\u0007", "a"));
        Assert.False(NameKey.AreSame("a\u0007", "a\u0007"));
    }
}
