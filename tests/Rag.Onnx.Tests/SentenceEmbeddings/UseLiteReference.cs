using System.Text.Json;
using Rag.Testing;

namespace Rag.Onnx.Tests.SentenceEmbeddings;

internal sealed record UseLiteReference(string[] Sentences, int[][] Tokens, float[][] Embeddings)
{
    public static string ModelsRoot => Path.GetDirectoryName(ModelDirectory)!;

    public static string ModelDirectory => TestModels.Directory(TestModels.UseLite);

    public static UseLiteReference Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(ModelDirectory, "reference.json")));
        var root = doc.RootElement;
        return new UseLiteReference(
            root.GetProperty("sentences").EnumerateArray().Select(e => e.GetString()!).ToArray(),
            root.GetProperty("tokens").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetInt32()).ToArray()).ToArray(),
            root.GetProperty("embeddings").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetSingle()).ToArray()).ToArray());
    }

    public static Rag.Onnx.SentenceEmbeddings.EmbeddingOptions Options(int batchSize = 32, Rag.Onnx.SentenceEmbeddings.ExecutionProvider provider = Rag.Onnx.SentenceEmbeddings.ExecutionProvider.Cpu) => new()
    {
        ModelsDirectory = ModelsRoot,
        Model = TestModels.UseLite,
        BatchSize = batchSize,
        ExecutionProvider = provider,
    };
}
