using Rag.Bench.Audit;

namespace Rag.Bench.Tests.Audit;

public sealed class AuditQueryMixTests
{
    private static readonly DateTimeOffset s_from = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_to = s_from.AddDays(395);

    [Fact]
    public void Create_EveryShapeTheIssueNames_EachSettingOnlyItsFilters()
    {
        var shapes = AuditQueryMix.Create(["u1", "u2"], ["d1"], s_from, s_to, 100).ToDictionary(s => s.Name);
        var random = new Random(1);

        Assert.Equal(["user", "action", "target", "outcome", "time-1d", "time-30d", "user+time-30d", "action+outcome", "none", "user-page-5"], shapes.Keys);
        Assert.All(shapes.Values, s => Assert.Equal(100, s.Next(random).PageSize));
        Assert.All(shapes.Values, s => Assert.Null(s.Next(random).Before));
        Assert.True(shapes["user"].Next(random).UserId is "u1" or "u2");
        Assert.Contains(shapes["action"].Next(random).Action, SyntheticAuditTrail.Actions);
        Assert.Equal("d1", shapes["target"].Next(random).Target);
        Assert.Contains(shapes["outcome"].Next(random).Outcome, SyntheticAuditTrail.Outcomes);
        var both = shapes["action+outcome"].Next(random);
        Assert.True(both.Action is not null && both.Outcome is not null && both.UserId is null);
        var none = shapes["none"].Next(random);
        Assert.True(none.UserId is null && none.Action is null && none.Target is null && none.Outcome is null && none.From is null && none.To is null);
        Assert.Equal(AuditQueryMix.PagingDepth, shapes["user-page-5"].Pages);
        Assert.NotNull(shapes["user+time-30d"].Next(random).UserId);
    }

    [Theory]
    [InlineData("time-1d", 1)]
    [InlineData("time-30d", 30)]
    [InlineData("user+time-30d", 30)]
    public void Create_TimeWindows_HaveTheirLengthAndLieWithinTheTrail(string name, int days)
    {
        var shape = AuditQueryMix.Create(["u1"], ["d1"], s_from, s_to, 100).Single(s => s.Name == name);
        var random = new Random(2);

        for (var i = 0; i < 200; i++)
        {
            var query = shape.Next(random);
            Assert.Equal(TimeSpan.FromDays(days), query.To - query.From);
            Assert.InRange(query.From!.Value, s_from, s_to);
            Assert.InRange(query.To!.Value, s_from, s_to);
        }
    }
}
