using Rag.Cli;
using Rag.Testing;

namespace Rag.Bench.Tests.Fixtures;

/// <summary>
/// Runs the real <c>Rag.Bench</c> command line in-process against a private data directory and the installed models,
/// as <c>./rag bench ...</c> does. Each harness is one fresh deployment: nothing shared with other tests.
/// </summary>
internal sealed class BenchHarness : IDisposable
{
    private readonly TempDirectory _temp = new();

    public BenchHarness(string? modelsDirectory = null, IReadOnlyDictionary<string, string?>? configuration = null)
    {
        Paths = new RagPaths(
            RepoPaths.Root,
            _temp.Combine("data"),
            modelsDirectory ?? TestModels.ModelsRoot,
            null,
            Path.Combine(RepoPaths.Root, "infra", "models.json"));
        Configuration = configuration;
    }

    public RagPaths Paths { get; }

    public IReadOnlyDictionary<string, string?>? Configuration { get; }

    public string Folder(string name)
    {
        var path = _temp.Combine("docs", name);
        Directory.CreateDirectory(path);
        return path;
    }

    public async Task<BenchRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(string.Empty);
        var code = await BenchCommandLine.RunAsync(args, new CliContext(output, error, reader, Paths, Configuration));
        return new BenchRun(code, output.ToString(), error.ToString());
    }

    public void Dispose() => _temp.Dispose();
}
