using Rag.Ingest.Readers;
using Rag.Ingest.Sandbox;

namespace Rag.Ingest.Tests.Sandbox;

/// <summary>The test host (tests/Rag.Ingest.ParseChildTestHost) built beside the tests: a real program whose Main calls ParseChild.</summary>
internal static class ParseChildTestHost
{
    public static string DllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Rag.Ingest.ParseChildTestHost.dll");
            return File.Exists(path) ? path : throw new InvalidOperationException($"The parser test host is missing at '{path}'; build tests/Rag.Ingest.Tests.");
        }
    }

    /// <summary>A sandbox whose children are the test host.</summary>
    public static ParserSandbox Sandbox(long memoryLimitBytes = ParserSandboxOptions.DefaultMemoryLimitBytes, int poolSize = 1, ReaderSettings? readers = null) =>
        new(ParseHostCommand.Resolve(DllPath)!, new ParserSandboxOptions { MemoryLimitBytes = memoryLimitBytes, PoolSize = poolSize, HostPath = DllPath }, logger: null, readers);
}
