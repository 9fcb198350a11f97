using Rag.Core.Documents;
using Rag.Core.Retrieval;
using Rag.Evaluation.Beir;

namespace Rag.Evaluation.Tests.Beir;

public sealed class FoldIntoDocumentsTests
{
    [Fact]
    public void Fold_DocumentScoresItsBestChunk_KeepsFirstDocumentsUpToLimit_SkipsUnknown()
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal) { ["doc-a"] = "A", ["doc-b"] = "B", ["doc-c"] = "C" };
        RetrievedChunk[] chunks = [Hit("doc-a", 0.9), Hit("doc-x", 0.85), Hit("doc-b", 0.8), Hit("doc-a", 0.95), Hit("doc-c", 0.7)];

        var run = BeirEvaluator.FoldIntoDocuments(chunks, ids, limit: 2);

        Assert.Equal(2, run.Count);
        Assert.Equal(0.95, run["A"]);
        Assert.Equal(0.8, run["B"]);
        Assert.False(run.ContainsKey("C"));
    }

    private static RetrievedChunk Hit(string documentId, double score) =>
        new(new Chunk(Guid.NewGuid(), documentId, "s", 0, "t", [], 0, 0, 0, 1), "title", score, 1, null);
}
