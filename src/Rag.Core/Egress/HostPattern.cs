namespace Rag.Core.Egress;

/// <summary>
/// A domain pattern that matches a host and every name under it, compared label by label from the right, so
/// <c>openai.com</c> matches <c>api.openai.com</c> but not <c>notopenai.com</c> or <c>openai.com.attacker.example</c>.
/// A label may hold one <c>*</c> standing for any characters inside that label (<c>*-aiplatform</c>, <c>*</c>).
/// </summary>
internal sealed class HostPattern
{
    private readonly string[] _labels;

    public HostPattern(string pattern)
    {
        Text = EgressHostNames.Normalize(pattern);
        _labels = Text.Split('.');
    }

    public string Text { get; }

    /// <summary>True when <paramref name="host"/> (normalised) is this pattern or a name under it.</summary>
    public bool Matches(string host)
    {
        var labels = host.Split('.');
        if (labels.Length < _labels.Length)
        {
            return false;
        }

        return RightAlignedCompatible(labels);
    }

    /// <summary>
    /// True when the wildcard <c>*.domain</c> would cover a host this pattern names: <paramref name="domain"/> is a
    /// parent of this pattern's literal labels (<c>*.com</c>, <c>*.azure.com</c> for <c>openai.azure.com</c>). A domain
    /// that only meets this pattern through the pattern's own <c>*</c> (<c>*.s3.amazonaws.com</c> against
    /// <c>bedrock-runtime.*.amazonaws.com</c>) does not count: the deny list still wins at run time.
    /// </summary>
    public bool OverlapsSubdomainsOf(string domain) => RightAlignedCompatible(domain.Split('.'), literalOnly: true);

    private bool RightAlignedCompatible(string[] labels, bool literalOnly = false)
    {
        // Past the shorter of the two, the longer one's labels can always be filled in to match.
        var common = Math.Min(labels.Length, _labels.Length);
        for (var i = 1; i <= common; i++)
        {
            var same = literalOnly
                ? string.Equals(_labels[^i], labels[^i], StringComparison.Ordinal)
                : LabelMatches(_labels[^i], labels[^i]);
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    private static bool LabelMatches(string pattern, string label)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return string.Equals(pattern, label, StringComparison.Ordinal);
        }

        var prefix = pattern[..star];
        var suffix = pattern[(star + 1)..];
        return label.Length > prefix.Length + suffix.Length
            && label.StartsWith(prefix, StringComparison.Ordinal)
            && label.EndsWith(suffix, StringComparison.Ordinal);
    }
}
