using System.Xml.Linq;
using Rag.Web.Workspaces.Status;

namespace Rag.Web.Tests.Workspaces.Status;

public sealed class EgressChartTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Svg_Buckets_OneBarPerBucketScaledToTheLargest()
    {
        var buckets = Enumerable.Range(0, 4).Select(i => new EgressBucket(Start.AddHours(i), Start.AddHours(i + 1), i * 2)).ToList();

        var svg = XElement.Parse(EgressChart.Svg(buckets));

        XNamespace ns = "http://www.w3.org/2000/svg";
        var bars = svg.Descendants(ns + "rect").ToList();
        Assert.Equal([0, 2, 4, 6], bars.Select(b => (int)b.Attribute("data-blocked")!));
        var heights = bars.Select(b => double.Parse(b.Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(0, heights[0]);
        Assert.Equal(heights[3], heights.Max());
        Assert.Equal(heights[3] / 3, heights[1], 1);
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Contains("12 blocked", svg.Element(ns + "desc")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Svg_NoBuckets_StillWellFormedWithoutScript()
    {
        var markup = EgressChart.Svg([]);

        var svg = XElement.Parse(markup);
        Assert.Equal("svg", svg.Name.LocalName);
        Assert.DoesNotContain("<script", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href", markup, StringComparison.OrdinalIgnoreCase);
    }
}
