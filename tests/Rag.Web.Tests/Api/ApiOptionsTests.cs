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

    [Theory]
    [InlineData("\u212Aiosk", "U+212A")]      // KELVIN SIGN: NFC would make it K
    [InlineData("sales\u200B", "U+200B")]     // zero-width space
    [InlineData("sa\u0007les", "U+0007")]     // control character
    public void Validate_GroupBreakingTheNameRule_FailsNamingTheKeyAndCodePoint(string group, string codePoint)
    {
        var options = new ApiOptions { Keys = [new ApiKeyEntry { Id = "svc", Groups = ["ok", group], KeySha256 = new string('A', 64) }] };

        var result = new ApiOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Rag:Api:Keys:0:Groups:1: the group name", failure, StringComparison.Ordinal);
        Assert.Contains(codePoint, failure, StringComparison.Ordinal);
    }
}
