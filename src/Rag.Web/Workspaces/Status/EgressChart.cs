using System.Globalization;
using System.Net;
using System.Text;

namespace Rag.Web.Workspaces.Status;

/// <summary>
/// Draws blocked egress attempts per bucket as an inline SVG bar chart, built here in C# (no chart library, no script).
/// Everything written is a number or text this class makes itself, HTML-encoded, so the markup is safe to render raw.
/// The chart has a title and description; the page shows the same numbers as a table for screen readers.
/// </summary>
internal static class EgressChart
{
    public const int Width = 720;
    public const int Height = 180;
    private const int Left = 40;
    private const int Bottom = 24;
    private const int Top = 12;

    public static string Svg(IReadOnlyList<EgressBucket> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var max = Math.Max(1, buckets.Count == 0 ? 0 : buckets.Max(b => b.Blocked));
        var plotHeight = Height - Bottom - Top;
        var barWidth = buckets.Count == 0 ? 0 : (double)(Width - Left) / buckets.Count;
        var total = buckets.Sum(b => b.Blocked);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"egress-chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"egress-chart-title egress-chart-desc\">"));
        svg.Append("<title id=\"egress-chart-title\">Blocked egress attempts over time</title>");
        svg.Append("<desc id=\"egress-chart-desc\">").Append(Encode(Describe(buckets, total))).Append("</desc>");
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width}\" y2=\"{Top + plotHeight}\" stroke=\"#495057\" stroke-width=\"1\"/>"));
        svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{Top + 10}\" text-anchor=\"end\" font-size=\"11\" fill=\"#212529\">{max}</text>"));
        svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{Top + plotHeight}\" text-anchor=\"end\" font-size=\"11\" fill=\"#212529\">0</text>"));
        for (var i = 0; i < buckets.Count; i++)
        {
            var bucket = buckets[i];
            var height = (double)bucket.Blocked / max * plotHeight;
            var x = Left + (i * barWidth);
            svg.Append(Invariant($"<rect class=\"egress-bar\" x=\"{x + 1:0.##}\" y=\"{Top + plotHeight - height:0.##}\" width=\"{Math.Max(1, barWidth - 2):0.##}\" height=\"{height:0.##}\" fill=\"#b02a37\" data-blocked=\"{bucket.Blocked}\">"));
            svg.Append("<title>").Append(Encode(Invariant($"{bucket.Start:yyyy-MM-dd HH:mm}–{bucket.End:HH:mm} UTC: {bucket.Blocked} blocked"))).Append("</title></rect>");
        }

        if (buckets.Count > 0)
        {
            svg.Append(Invariant($"<text x=\"{Left}\" y=\"{Height - 6}\" font-size=\"11\" fill=\"#212529\">{Encode(Invariant($"{buckets[0].Start:MM-dd HH:mm}"))}</text>"));
            svg.Append(Invariant($"<text x=\"{Width}\" y=\"{Height - 6}\" text-anchor=\"end\" font-size=\"11\" fill=\"#212529\">{Encode(Invariant($"{buckets[^1].End:MM-dd HH:mm} UTC"))}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Describe(IReadOnlyList<EgressBucket> buckets, int total) => buckets.Count == 0
        ? "No data."
        : Invariant($"{total} blocked from {buckets[0].Start:yyyy-MM-dd HH:mm} to {buckets[^1].End:yyyy-MM-dd HH:mm} UTC, in {buckets.Count} bars; the table below lists every bar.");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
