namespace Rag.Bench.Generate;

/// <summary>
/// Checks every run against the reference: the cached and recomputed loops must yield the reference ids, the client
/// the same number of tokens and the text they decode to. Fails loudly, naming the first difference.
/// </summary>
internal sealed class Agreement(string where, IReadOnlyList<int> reference, string expectedText, int tokens)
{
    public GenerateSample Client(GeneratePaths.ClientRun run)
    {
        if (run.OutputTokens != tokens)
        {
            throw new InvalidOperationException($"{where}: the client generated {run.OutputTokens} tokens in one run and {tokens} in another.");
        }

        if (!string.Equals(run.Text, expectedText, StringComparison.Ordinal))
        {
            var at = Enumerable.Range(0, Math.Min(run.Text.Length, expectedText.Length)).FirstOrDefault(i => run.Text[i] != expectedText[i], Math.Min(run.Text.Length, expectedText.Length));
            throw new InvalidOperationException(
                $"{where}: the client's text differs from the bare loop's tokens at character {at} " +
                $"(client {run.Text.Length} characters, bare {expectedText.Length}).");
        }

        return run.Sample;
    }

    public GenerateSample Cached((GenerateSample Sample, List<int> Ids) run) => Same("the KV-cache loop", run);

    public GenerateSample Recomputed((GenerateSample Sample, List<int> Ids) run) => Same("recomputation without a cache", run);

    private GenerateSample Same(string path, (GenerateSample Sample, List<int> Ids) run)
    {
        var ids = run.Ids;
        for (var i = 0; i < Math.Max(ids.Count, reference.Count); i++)
        {
            if (i >= ids.Count || i >= reference.Count || ids[i] != reference[i])
            {
                var got = i < ids.Count ? ids[i].ToString(System.Globalization.CultureInfo.InvariantCulture) : "nothing";
                var want = i < reference.Count ? reference[i].ToString(System.Globalization.CultureInfo.InvariantCulture) : "nothing";
                throw new InvalidOperationException(
                    $"{where}: {path} produced token id {got} at position {i} where the KV-cache loop produced {want}; the paths must agree exactly.");
            }
        }

        return run.Sample;
    }
}
