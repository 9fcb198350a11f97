using Rag.Core.Access;
using Rag.Testing;

namespace Rag.Processes.Tests.Fixtures;

/// <summary>
/// One fresh deployment on this machine: a private data directory, the installed models, and the environment every
/// product process of the test gets, as <c>./rag</c> would set it.
/// </summary>
internal sealed class Deployment : IDisposable
{
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);

    private readonly TempDirectory _temp = new();

    public Deployment()
    {
        Environment = new Dictionary<string, string>
        {
            ["RAG_HOME"] = RepoPaths.Root,
            ["RAG_DATA"] = DataDirectory,
            ["RAG_MODELS"] = TestModels.ModelsRoot,
            ["RAG_USER"] = "process-test",
        };
    }

    public Dictionary<string, string> Environment { get; }

    public string DataDirectory => _temp.Combine("data");

    public string DatabasePath => Path.Combine(DataDirectory, "rag.db");

    public string WorkingDirectory => _temp.Path;

    /// <summary>A new folder of documents under this deployment.</summary>
    public string Folder(string name)
    {
        var path = _temp.Combine("docs", name);
        Directory.CreateDirectory(path);
        return path;
    }

    public ProductProcess StartCli(params string[] arguments) => ProductProcess.Start("rag.dll", arguments, Environment, WorkingDirectory);

    /// <summary>Runs <c>rag ARGS</c> to its end; a non-zero exit fails with the output.</summary>
    public async Task<string> RunCliAsync(params string[] arguments)
    {
        await using var process = StartCli(arguments);
        var code = await process.WaitForExitAsync(StepTimeout);
        if (code != 0)
        {
            throw new InvalidOperationException($"rag {string.Join(' ', arguments)} exited with {code}:\n{process.Output}");
        }

        return process.Output;
    }

    /// <summary>Creates an API key for <paramref name="groups"/>; its settings join <see cref="Environment"/>, the key is returned.</summary>
    public async Task<string> CreateApiKeyAsync(string id, string groups)
    {
        var output = await RunCliAsync("api-key", "create", "--id", id, "--groups", groups);
        var lines = output.Split('\n').Select(l => l.Trim()).ToList();
        foreach (var setting in lines.Where(l => l.StartsWith("Rag__Api__Keys__0__", StringComparison.Ordinal)))
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            Environment[setting[..equals]] = setting[(equals + 1)..];
        }

        return lines.First(l => l.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal));
    }

    public void Dispose() => _temp.Dispose();
}
