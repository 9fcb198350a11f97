namespace Rag.Onnx.SentenceEmbeddings;

/// <summary>Where each model kind keeps its files inside its folder.</summary>
internal static class ModelFiles
{
    /// <summary>Files that must exist (model file resolved to the first existing candidate).</summary>
    public static IReadOnlyList<string> Required(EmbeddingModelKind kind, string modelDirectory) => kind switch
    {
        EmbeddingModelKind.Bert => [BertModel(modelDirectory), Path.Combine(modelDirectory, "vocab.txt")],
        _ => [Path.Combine(modelDirectory, "model.onnx"), Path.Combine(modelDirectory, "vocab.json")],
    };

    /// <summary><c>model.onnx</c>, or <c>onnx/model.onnx</c> as in Hugging Face repositories.</summary>
    public static string BertModel(string modelDirectory)
    {
        var root = Path.Combine(modelDirectory, "model.onnx");
        var nested = Path.Combine(modelDirectory, "onnx", "model.onnx");
        return !File.Exists(root) && File.Exists(nested) ? nested : root;
    }
}
