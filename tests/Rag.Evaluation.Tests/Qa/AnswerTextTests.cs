using Rag.Evaluation.Qa;

namespace Rag.Evaluation.Tests.Qa;

public sealed class AnswerTextTests
{
    [Fact]
    public void Missing_CaseAndWhitespaceDiffer_Found()
    {
        var missing = AnswerText.Missing("Hotels are reimbursed up to 150\u00a0EUROS\n per night. [1]", ["150 euros  per night"]);

        Assert.Empty(missing);
    }

    [Fact]
    public void Missing_PhraseAcrossCitationMarker_Found()
    {
        var missing = AnswerText.Missing("BitLocker on Windows. [1] FileVault on macOS. [2]", ["Windows. FileVault"]);

        Assert.Empty(missing);
    }

    [Fact]
    public void Missing_OneOfTwoAbsent_ReturnsOnlyThatOne()
    {
        var missing = AnswerText.Missing("Laptops use BitLocker. [1]", ["bitlocker", "FileVault"]);

        Assert.Equal(["FileVault"], missing);
    }

    [Fact]
    public void Normalise_CollapsesRunsAndTrims() =>
        Assert.Equal("a b c", AnswerText.Normalise("  a \t\r\n b   c "));
}
