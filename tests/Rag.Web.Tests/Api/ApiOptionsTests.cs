using Rag.Web.Api;

namespace Rag.Web.Tests.Api;

public sealed class ApiOptionsTests
{
    [Fact]
    public void Ctor_Defaults_AreDocumented()
    {
        var options = new ApiOptions();

        Assert.Equal("rag", options.ModelId);
        Assert.Empty(options.Keys);
        Assert.Equal(1024 * 1024, options.MaxRequestBodyBytes);
        Assert.Equal(4000, options.MaxQuestionChars);
        Assert.Equal(64, options.MaxMessages);
        Assert.Equal(TimeSpan.FromMinutes(1), options.DeniedSignInWindow);
        Assert.Equal(10, options.DeniedSignInsRecordedPerAddress);
        Assert.Equal(200, options.DeniedSignInsRecordedPerWindow);
        Assert.Equal("Rag:Api", ApiOptions.SectionName);
    }

    [Fact]
    public void Validate_WellFormedKey_Succeeds()
    {
        var options = new ApiOptions { Keys = [new ApiKeyEntry { Id = "svc.reports-1", Groups = ["g"], KeySha256 = new string('A', 64) }] };

        Assert.True(new ApiOptionsValidator().Validate(null, options).Succeeded);
    }
}
