using Rag.Evaluation.Qa;

namespace Rag.Evaluation.Tests.Qa;

public sealed class QaDocumentTests
{
    private static readonly QaDocument Document = new("5158dda61c3955eebbddfc15332ec163", "handbook", "Northwind Labs Employee Handbook", "policies/employee-handbook.pdf");

    [Theory]
    [InlineData("5158DDA61C3955EEBBDDFC15332EC163")]
    [InlineData("policies/employee-handbook.pdf")]
    [InlineData(@".\policies\Employee-Handbook.PDF")]
    [InlineData("employee-handbook.pdf")]
    [InlineData("handbook/policies/employee-handbook.pdf")]
    [InlineData("  northwind labs employee handbook ")]
    public void Matches_IdPathFileNameSetPathOrTitle_True(string expected) =>
        Assert.True(Document.Matches(expected));

    [Theory]
    [InlineData("employee-handbook")]
    [InlineData("handbook.pdf")]
    [InlineData("Employee Handbook")]
    [InlineData("finance/policies/employee-handbook.pdf")]
    [InlineData("")]
    public void Matches_PartialOrOtherName_False(string expected) =>
        Assert.False(Document.Matches(expected));
}
