using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rag.Evaluation.Beir;

/// <summary>
/// Published nDCG@10 figures that a result may be compared with. They belong to one dataset and one query set, so a
/// result carries them only when it was measured on that: SciFact is recognised by its corpus (the SHA-256 of its
/// 5,183 document ids, sorted ordinally and joined by line feeds), not by its folder name, and only when the whole
/// <c>test</c> split was evaluated. Any other dataset gets none, unless the caller names its own
/// (<c>--reference name=value</c>).
/// </summary>
public static class BeirReferences
{
    /// <summary>SHA-256 (hex) of SciFact's sorted corpus ids, as BEIR distributes it.</summary>
    public const string SciFactCorpusIdsSha256 = "9948d896b35ae4e7c41b492f221009b39d23b61738c2b7ff63e8591c78b418d6";

    /// <summary>SciFact nDCG@10 reference points quoted by the project (BEIR paper; MTEB leaderboard), test split.</summary>
    public static IReadOnlyDictionary<string, double> SciFact { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["bm25 (BEIR, Elasticsearch)"] = 0.665,
        ["all-MiniLM-L6-v2"] = 0.645,
        ["bge-small-en-v1.5"] = 0.72,
    };

    /// <summary>True when <paramref name="dataset"/>'s corpus is SciFact's (by its document ids).</summary>
    public static bool IsSciFact(BeirDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var ids = dataset.Corpus.Select(d => d.Id).Order(StringComparer.Ordinal);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', ids)));
        return Convert.ToHexStringLower(hash) == SciFactCorpusIdsSha256;
    }

    /// <summary>
    /// The references for a run: SciFact's when <paramref name="dataset"/> is SciFact, the <c>test</c> split and every
    /// judged query were evaluated (<paramref name="wholeSplit"/>); then those of <paramref name="given"/>, which win on
    /// a name clash. Empty otherwise.
    /// </summary>
    public static IReadOnlyDictionary<string, double> For(BeirDataset dataset, string split, bool wholeSplit, IReadOnlyDictionary<string, double> given)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(given);
        var references = new Dictionary<string, double>(StringComparer.Ordinal);
        if (wholeSplit && split == "test" && IsSciFact(dataset))
        {
            foreach (var (name, value) in SciFact)
            {
                references[name] = value;
            }
        }

        foreach (var (name, value) in given)
        {
            references[name] = value;
        }

        return references;
    }

    /// <summary>Parses <c>name=value</c> (value in 0..1, invariant culture); throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static KeyValuePair<string, double> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.LastIndexOf('=');
        if (equals <= 0 || string.IsNullOrWhiteSpace(text[..equals])
            || !double.TryParse(text[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || value is < 0 or > 1 || double.IsNaN(value))
        {
            throw new FormatException($"--reference '{text}' must be name=value with a value from 0 to 1, e.g. bm25=0.665.");
        }

        return new(text[..equals].Trim(), value);
    }
}
