using Rag.Core.Text;

namespace Rag.Core.Tests.Text;

public sealed class ContentTermsTests
{
    [Theory]
    [InlineData("approves", "approval")]
    [InlineData("approved", "approve")]
    [InlineData("days", "day")]
    [InlineData("carried", "carry")]
    [InlineData("capped", "cap")]
    [InlineData("Sécurité", "securite")]
    public void Of_InflectedForms_ShareOneTerm(string a, string b) => Assert.Equal(ContentTerms.Of(a), ContentTerms.Of(b));

    [Fact]
    public void Of_Question_KeepsContentWordsOnly()
    {
        var terms = ContentTerms.Of("How many days of annual leave do I get?");

        Assert.Equal(["day", "annu", "leav"], terms);
    }

    [Fact]
    public void Coverage_HalfTheTermsInThePassage_IsOneHalf()
    {
        var passage = ContentTerms.SetOf("Hotel costs are reimbursed up to 150 euros.");

        Assert.Equal(0.5, ContentTerms.Coverage(ContentTerms.Of("hotel costs per night"), passage), 3);
    }
}
