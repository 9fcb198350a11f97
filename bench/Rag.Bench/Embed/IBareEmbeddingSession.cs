namespace Rag.Bench.Embed;

/// <summary>
/// The ceiling that <c>rag bench embed</c> measures the embedder against: the configured model in its own session with
/// the generator's session options, fed batches tokenized and turned into tensors before timing, so that
/// <see cref="Run"/> is the session run and whatever the model's output still needs to become vectors.
/// <see cref="BareEmbeddingSession.Open"/> picks the implementation for the model kind.
/// </summary>
public interface IBareEmbeddingSession : IDisposable
{
    /// <summary>Tokenizes <paramref name="texts"/> exactly as the generator does and builds the input tensors once.</summary>
    BarePreparedBatch Prepare(IReadOnlyList<string> texts);

    /// <summary>One session run on a prepared batch (plus pooling where the graph does not pool).</summary>
    void Run(BarePreparedBatch batch);
}
