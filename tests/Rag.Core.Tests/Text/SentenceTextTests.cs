using Rag.Core.Text;

namespace Rag.Core.Tests.Text;

public sealed class SentenceTextTests
{
    [Fact]
    public void Statement_TableRowAsTheReadersWriteIt_IsQuoted() =>
        Assert.Equal(
            "Printer: LaserJet 4200; Location: third floor copy room",
            SentenceText.Statement("Printers\nPrinter: LaserJet 4200; Location: third floor copy room"));

    [Theory]
    [InlineData("Columns: Printer; Location")]
    [InlineData("LaserJet 4200 | third floor copy room")]
    [InlineData("Printer: LaserJet 4200")]
    public void Statement_HeaderRowOrFragment_IsNotQuoted(string text) =>
        Assert.Null(SentenceText.Statement(text));

    [Fact]
    public void Statement_HeadingGluedToTheSentence_HeadingDropped() =>
        Assert.Equal(
            "Every full-time employee receives 27 days of paid annual leave per calendar year.",
            SentenceText.Statement("Leave Policy\nEvery full-time employee receives 27 days of paid annual leave per calendar year."));

    [Fact]
    public void Statement_FaqQuestionGluedToTheAnswer_QuestionDropped() =>
        Assert.Equal(
            "Open the Northwind Connect app and sign in with your company account.",
            SentenceText.Statement("How do I connect to the VPN?\nOpen the Northwind Connect app and sign in with your company account."));

    [Theory]
    [InlineData("Reporting incidents")]
    [InlineData("Northwind Labs Employee Handbook - page 2 of 4")]
    [InlineData("The following devices are encrypted:")]
    [InlineData("| Windows laptop | BitLocker | 5 minutes |")]
    [InlineData("and the dishwasher is started every evening at 18:00 by the last person out.")]
    [InlineData("Hotel costs are reimbursed up to 150 euros per night, or 200 euros per night in")]
    [InlineData("How do I connect to the VPN?")]
    public void Statement_HeadingLeadInTableRowOrFragment_Null(string text) => Assert.Null(SentenceText.Statement(text));

    [Fact]
    public void Statement_SentenceWrappedAfterAShortLine_KeptWhole() =>
        Assert.Equal(
            "Hotel costs are reimbursed up to 150 euros per night.",
            SentenceText.Statement("Hotel costs are reimbursed\nup to 150 euros per night."));

    [Fact]
    public void Statement_WholeSentence_Unchanged() =>
        Assert.Equal("Sick leave does not count against annual leave.", SentenceText.Statement("Sick leave does not count against annual leave."));
}
