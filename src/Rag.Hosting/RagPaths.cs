namespace Rag.Hosting;

/// <summary>
/// Where things live, from the environment: RAG_HOME (the install/repository root, set by ./rag),
/// RAG_DATA (default RAG_HOME/.rag/data), RAG_MODELS (default RAG_HOME/.rag/models),
/// RAG_MODEL_MIRROR (default ../shared/models beside RAG_HOME when it exists) and RAG_MODEL_MANIFEST
/// (default RAG_HOME/infra/models.json). One definition for the command line and the web app, so both find the
/// same data directory and models.
/// </summary>
/// <param name="Home">The install or repository root.</param>
/// <param name="DataDirectory">Databases, the audit trail and its checkpoints.</param>
/// <param name="ModelsDirectory">Installed models.</param>
/// <param name="ModelMirror">The local model mirror, or null when there is none.</param>
/// <param name="ModelManifest">The model manifest (models.json).</param>
public sealed record RagPaths(string Home, string DataDirectory, string ModelsDirectory, string? ModelMirror, string ModelManifest)
{
    /// <summary>The paths named by the environment, with the defaults above.</summary>
    public static RagPaths FromEnvironment()
    {
        var home = Full(Env("RAG_HOME") ?? Directory.GetCurrentDirectory());
        var mirror = Env("RAG_MODEL_MIRROR") is { } m ? Full(m) : Path.GetFullPath(Path.Combine(home, "..", "shared", "models"));
        return new RagPaths(
            home,
            Full(Env("RAG_DATA") ?? Path.Combine(home, ".rag", "data")),
            Full(Env("RAG_MODELS") ?? Path.Combine(home, ".rag", "models")),
            Directory.Exists(mirror) ? mirror : null,
            Full(Env("RAG_MODEL_MANIFEST") ?? Path.Combine(home, "infra", "models.json")));
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static string Full(string path) => Path.GetFullPath(path);
}
