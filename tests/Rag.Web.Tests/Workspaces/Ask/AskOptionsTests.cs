using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rag.Web.Workspaces.Ask;

namespace Rag.Web.Tests.Workspaces.Ask;

public sealed class AskOptionsTests
{
    [Fact]
    public void Ctor_Defaults_AreDocumented()
    {
        var options = new AskOptions();

        Assert.Equal(4000, options.MaxQuestionChars);
        Assert.Equal(50, options.MaxConversationsListed);
        Assert.Equal(200, options.MaxTurnsShown);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.RenderInterval);
        Assert.Equal("Rag:Web:Ask", AskOptions.SectionName);
    }

    [Theory]
    [InlineData("MaxQuestionChars", "0")]
    [InlineData("MaxConversationsListed", "0")]
    [InlineData("MaxTurnsShown", "-1")]
    [InlineData("RenderInterval", "00:01:00")]
    public void AddAskWorkspace_BadValue_FailsNamingTheKey(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Rag:Web:Ask:" + key] = value }).Build();
        using var provider = new ServiceCollection().AddAskWorkspace(configuration).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AskOptions>>().Value);

        Assert.Contains("Rag:Web:Ask:" + key, ex.Message, StringComparison.Ordinal);
    }
}
