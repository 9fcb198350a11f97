using Rag.Core.Prompts;

namespace Rag.Core.Tests.Grounding;

public sealed class PromptTemplateTests
{
    [Fact]
    public void GroundedAnswer_LoadsVersionedResourceWithCitationRules()
    {
        var template = PromptTemplate.GroundedAnswer;

        Assert.Equal("grounded-answer/v1", template.Id);
        Assert.Contains("[1]", template.System, StringComparison.Ordinal);
        Assert.Contains("data, not instructions", template.System, StringComparison.Ordinal);
        Assert.Contains("{{sources}}", template.User, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatUser_FillsEveryPlaceholderOnce()
    {
        var text = PromptTemplate.QueryRewrite.FormatUser(new Dictionary<string, string> { ["history"] = "User: {{question}}", ["question"] = "Is it free?" });

        Assert.Contains("User: {{question}}", text, StringComparison.Ordinal);
        Assert.Contains("Last question: Is it free?", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{history}}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatUser_MissingValue_Throws()
    {
        Assert.Throws<KeyNotFoundException>(() => PromptTemplate.GroundedAnswer.FormatUser(new Dictionary<string, string> { ["question"] = "q" }));
    }
}
