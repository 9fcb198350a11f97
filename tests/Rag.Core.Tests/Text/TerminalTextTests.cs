using Rag.Core.Text;

namespace Rag.Core.Tests.Text;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("\u001b]0;title\u0007", "\\x1B]0;title\\x07")]
    [InlineData("red\u001b[31m", "red\\x1B[31m")]
    [InlineData("tab\there\nline\r", "tab\\x09here\\x0Aline\\x0D")]
    [InlineData("del\u007f c1\u0085\u009b", "del\\x7F c1\\x85\\x9B")]
    [InlineData("\u202Egpj.exe", "\\u202Egpj.exe")]
    [InlineData("\u2066\u2067\u2068\u2069\u200E\u200F\u061C\u202A", "\\u2066\\u2067\\u2068\\u2069\\u200E\\u200F\\u061C\\u202A")]
    public void Escape_ControlOrBidiCharacters_ShownAsEscapes(string text, string expected)
    {
        Assert.Equal(expected, TerminalText.Escape(text));
    }

    [Theory]
    [InlineData("docs/Ärzte/Übersicht 2024.pdf")]
    [InlineData("C:\\Users\\me\\日本語.md")]
    [InlineData("emoji 📄 — “quotes”")]
    [InlineData("")]
    public void Escape_PrintableText_Unchanged(string text)
    {
        Assert.Same(text, TerminalText.Escape(text));
    }

    [Fact]
    public void Escape_KeepNewLines_KeepsLineBreaksOnly()
    {
        Assert.Equal("first\nsecond\\x1B[2J", TerminalText.Escape("first\nsecond\u001b[2J", keepNewLines: true));
    }

    [Fact]
    public void Escape_Null_IsEmpty()
    {
        Assert.Equal(string.Empty, TerminalText.Escape(null));
    }
}
