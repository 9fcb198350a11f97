using System.Reflection;
using System.Xml.Linq;
using Rag.Cli;
using Rag.Core;
using Rag.Egress;
using Rag.Evaluation.Reporting;
using Rag.Generation;
using Rag.Ingest;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Storage;
using Rag.Testing;

namespace Rag.Bench.Tests.Layout;

/// <summary>The benchmarks stay outside the product: no product project references them and no product assembly holds them.</summary>
public sealed class ProductReferencesTests
{
    private static readonly string[] s_productFolders = ["src", "ingest"];

    /// <summary>Every product assembly the bench itself loads (the web app's is checked through its project file).</summary>
    private static readonly Assembly[] s_productAssemblies =
    [
        typeof(RagCommandLine).Assembly,
        typeof(CoreServiceCollectionExtensions).Assembly,
        typeof(OnnxServiceCollectionExtensions).Assembly,
        typeof(StorageServiceCollectionExtensions).Assembly,
        typeof(IngestServiceCollectionExtensions).Assembly,
        typeof(RunEnvironment).Assembly,
        typeof(GenerationServiceCollectionExtensions).Assembly,
        typeof(EgressServiceCollectionExtensions).Assembly,
    ];

    public static TheoryData<string> ProductProjects() => new(ProductProjectPaths());

    [Theory]
    [MemberData(nameof(ProductProjects))]
    public void ProductProject_Items_ReferenceNothingUnderBench(string project)
    {
        var path = Path.Combine(RepoPaths.Root, project);
        var bench = Path.Combine(RepoPaths.Root, "bench") + Path.DirectorySeparatorChar;
        var offending = XDocument.Load(path).Descendants()
            .Where(e => e.Name.LocalName is "ProjectReference" or "Reference" or "Compile" or "None" or "Content" or "EmbeddedResource")
            .Select(e => (string?)e.Attribute("Include") ?? string.Empty)
            .Where(include => include.Contains("Rag.Bench", StringComparison.OrdinalIgnoreCase)
                || Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, include.Replace('\\', Path.DirectorySeparatorChar))).StartsWith(bench, StringComparison.Ordinal))
            .ToList();

        Assert.True(offending.Count == 0, $"{project} references the benchmarks: {string.Join(", ", offending)}");
    }

    [Fact]
    public void ProductProjects_Found_IncludeEveryHost()
    {
        var projects = ProductProjectPaths();

        Assert.Contains(projects, p => p.EndsWith("Rag.Cli.csproj", StringComparison.Ordinal));
        Assert.Contains(projects, p => p.EndsWith("Rag.Web.csproj", StringComparison.Ordinal));
        Assert.Contains(projects, p => p.EndsWith("Rag.Ingest.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void ProductAssemblies_Types_HoldNoBenchmarkOrBareFloor()
    {
        var offending = s_productAssemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => (t.Namespace ?? string.Empty).Contains(".Bench", StringComparison.Ordinal)
                || t.Name.EndsWith("Benchmark", StringComparison.Ordinal)
                || t.Name.EndsWith("BareSession", StringComparison.Ordinal)
                || t.Name.StartsWith("Bench", StringComparison.Ordinal))
            .Select(t => $"{t.Assembly.GetName().Name}: {t.FullName}")
            .ToList();

        Assert.True(offending.Count == 0, "benchmark code inside the product: " + string.Join(", ", offending));
    }

    [Fact]
    public void ProductAssemblies_References_NameNoBenchAssembly()
    {
        var offending = s_productAssemblies
            .SelectMany(a => a.GetReferencedAssemblies().Select(r => (From: a.GetName().Name, To: r.Name)))
            .Where(r => r.To is not null && r.To.StartsWith("Rag.Bench", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void ProductImage_Dockerfile_CopiesNoBench()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(RepoPaths.Root, "infra", "docker", "Dockerfile"));

        var copies = dockerfile.Where(l => l.TrimStart().StartsWith("COPY", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(copies);
        Assert.DoesNotContain(copies, l => l.Contains("bench", StringComparison.OrdinalIgnoreCase) || l.Contains(" . ", StringComparison.Ordinal));
    }

    [Fact]
    public void DockerIgnore_Patterns_KeepBenchAndBuildOutputsOutOfTheContext()
    {
        var path = Path.Combine(RepoPaths.Root, ".dockerignore");
        Assert.True(File.Exists(path), "the repository root needs a .dockerignore");

        var patterns = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "**/bin/", "**/obj/", ".rag/", ".git/", "bench/", "**/TestResults/" }, patterns);
    }

    private static List<string> ProductProjectPaths() =>
        [.. s_productFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, folder), "*.csproj", SearchOption.AllDirectories))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(RepoPaths.Root, p))
            .Order(StringComparer.Ordinal)];
}
