using System.Text.Json;
using Rag.Evaluation.Reporting;
using Rag.Testing;

namespace Rag.Evaluation.Tests;

public sealed class ReportingTests
{
    [Fact]
    public async Task ResultFile_WritesCamelCaseJsonWithEnvironment()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "nested", "result.json");
        var environment = RunEnvironment.Capture(RepoPaths.Root);

        await ResultFile.WriteAsync(path, new { Environment = environment, Score = 0.5 });

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        Assert.Equal(0.5, json.RootElement.GetProperty("score").GetDouble());
        Assert.Equal(Environment.ProcessorCount, json.RootElement.GetProperty("environment").GetProperty("logicalCores").GetInt32());
        Assert.False(File.Exists(path + ".tmp"));
    }
}
