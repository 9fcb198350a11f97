using Rag.Web.Workspaces.Status;

namespace Rag.Web.Tests.Workspaces.Status;

public sealed class StatusOptionsTests
{
    [Fact]
    public void Ctor_Defaults_DayOfHourlyBarsAndHourlyRate()
    {
        var options = new StatusOptions();

        Assert.Equal(TimeSpan.FromHours(24), options.EgressWindow);
        Assert.Equal(TimeSpan.FromHours(1), options.EgressBucket);
        Assert.Equal(TimeSpan.FromHours(1), options.RateWindow);
        Assert.Equal(TimeSpan.FromMinutes(1), options.LiveWorkerWithin);
        Assert.True(new StatusOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("00:00:10", "1.00:00:00", "01:00:00", "Rag:Status:EgressBucket")]
    [InlineData("00:01:00", "1.00:00:00", "01:00:00", "Rag:Status:EgressWindow")]
    [InlineData("01:00:00", "00:30:00", "01:00:00", "Rag:Status:EgressWindow")]
    [InlineData("01:00:00", "1.00:00:00", "00:00:10", "Rag:Status:RateWindow")]
    public void Validate_BadSetting_FailsNamingTheKey(string bucket, string window, string rate, string key)
    {
        var options = new StatusOptions { EgressBucket = TimeSpan.Parse(bucket, System.Globalization.CultureInfo.InvariantCulture), EgressWindow = TimeSpan.Parse(window, System.Globalization.CultureInfo.InvariantCulture), RateWindow = TimeSpan.Parse(rate, System.Globalization.CultureInfo.InvariantCulture) };

        var result = new StatusOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }
}
