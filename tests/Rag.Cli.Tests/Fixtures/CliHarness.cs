using Rag.Testing;

namespace Rag.Cli.Tests.Fixtures;

/// <summary>
/// Runs the real command line in-process against a private data directory and the installed models.
/// Each harness is one fresh deployment: its own SQLite database, nothing shared with other tests.
/// </summary>
internal sealed class CliHarness : IDisposable
{
    private readonly TempDirectory _temp = new();

    public CliHarness(string? modelsDirectory = null, string? mirror = null, IReadOnlyDictionary<string, string?>? configuration = null, string? account = null)
    {
        Account = account;
        Paths = new RagPaths(
            RepoPaths.Root,
            _temp.Combine("data"),
            modelsDirectory ?? TestModels.ModelsRoot,
            mirror,
            Path.Combine(RepoPaths.Root, "infra", "models.json"));
        Configuration = configuration;
    }

    public RagPaths Paths { get; }

    /// <summary>The operating-system account the commands run as (null: the real one).</summary>
    public string? Account { get; }

    public IReadOnlyDictionary<string, string?>? Configuration { get; }

    public string Folder(string name)
    {
        var path = _temp.Combine("docs", name);
        Directory.CreateDirectory(path);
        return path;
    }

    public async Task<CliRun> RunAsync(params string[] args) => await RunWithInputAsync(string.Empty, args);

    /// <summary>Runs on this harness's data directory with other configuration (as an operator changing a setting would).</summary>
    public async Task<CliRun> RunWithConfigurationAsync(IReadOnlyDictionary<string, string?> configuration, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(string.Empty);
        var code = await RagCommandLine.RunAsync(args, new CliContext(output, error, reader, Paths, configuration, Account));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs on this harness's data directory as another operating-system account (a second shell user).</summary>
    public async Task<CliRun> RunAsAsync(string account, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(string.Empty);
        var code = await RagCommandLine.RunAsync(args, new CliContext(output, error, reader, Paths, Configuration, account));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public async Task<CliRun> RunWithInputAsync(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input);
        var context = new CliContext(output, error, reader, Paths, Configuration, Account);
        var code = await RagCommandLine.RunAsync(args, context);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public void Dispose() => _temp.Dispose();
}
