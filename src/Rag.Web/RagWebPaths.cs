namespace Rag.Web;

/// <summary>
/// Default locations from the environment, as the command line resolves them (Rag.Cli's RagPaths):
/// RAG_HOME (default: the working directory), RAG_DATA (default RAG_HOME/.rag/data) and RAG_MODELS
/// (default RAG_HOME/.rag/models). Configuration (Rag:Storage:DataDirectory, Rag:Embedding:ModelsDirectory) overrides them.
/// </summary>
internal sealed record RagWebPaths(string DataDirectory, string ModelsDirectory)
{
    public static RagWebPaths FromEnvironment()
    {
        var home = Path.GetFullPath(Env("RAG_HOME") ?? Directory.GetCurrentDirectory());
        return new RagWebPaths(
            Path.GetFullPath(Env("RAG_DATA") ?? Path.Combine(home, ".rag", "data")),
            Path.GetFullPath(Env("RAG_MODELS") ?? Path.Combine(home, ".rag", "models")));
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
