namespace Rag.Cli.Up;

/// <summary>
/// Where the built web app (Rag.Web.dll, what <c>rag web</c> runs) and worker host (rag-worker.dll, what
/// <c>rag worker</c> runs) are: RAG_WEB_APP / RAG_WORKER_APP when set (the <c>rag</c> script sets them after building
/// both), else beside this command line, else where the <c>rag</c> script builds them (RAG_HOME/.rag/web, .rag/worker).
/// </summary>
internal static class HostApps
{
    public const string WebVariable = "RAG_WEB_APP";
    public const string WorkerVariable = "RAG_WORKER_APP";

    public static string Web(RagPaths paths) => Find(WebVariable, "Rag.Web.dll", Path.Combine(paths.Home, ".rag", "web"), "the web app", "./rag web");

    public static string Worker(RagPaths paths) => Find(WorkerVariable, "rag-worker.dll", Path.Combine(paths.Home, ".rag", "worker"), "the ingestion worker", "./rag worker");

    /// <summary>The dotnet host that runs this process (a framework-dependent app is started as <c>dotnet app.dll</c>).</summary>
    public static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    private static string Find(string variable, string fileName, string scriptBuild, string what, string command)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new FileNotFoundException($"{variable} names {configured}, which does not exist: build {what} ({command} builds it) or unset {variable}.");
        }

        foreach (var candidate in new[] { Path.Combine(AppContext.BaseDirectory, fileName), Path.Combine(scriptBuild, fileName) })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"{what} is not built: no {fileName} beside the command line or in {scriptBuild}. Run ./rag up (the script builds it), or build it and set {variable}.");
    }
}
