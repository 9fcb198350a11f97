using Rag.Audit.Export;

namespace Rag.Audit.Tests.Export;

public sealed class AuditExportCellsTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("'x", "''x")]
    [InlineData("'", "''")]
    [InlineData("", "'")]
    [InlineData("a=b", "a=b")]
    public void Encode_Text_ProtectsAndDecodesBackExactly(string text, string cell)
    {
        Assert.Equal(cell, AuditExportCells.Encode(text));
        Assert.Equal(text, AuditExportCells.Decode(cell));
    }

    [Fact]
    public void Encode_Null_IsAnEmptyCellThatReadsBackAsNull()
    {
        Assert.Equal(string.Empty, AuditExportCells.Encode(null));
        Assert.Null(AuditExportCells.Decode(string.Empty));
    }
}
