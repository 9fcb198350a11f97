using System.Xml.Linq;
using Rag.Testing;

namespace Rag.Egress.Tests.Scanning;

/// <summary>
/// The test-time check behind "every HttpClient goes through the guard": no product assembly but Rag.Egress creates an
/// HttpClient, handler, WebClient or socket. Clients come from IHttpClientFactory (guarded by AddRagEgress) or take a
/// handler from IEgressHandlerFactory.
/// </summary>
public sealed class ProductAssembliesTests
{
    private const string GuardAssembly = "Rag.Egress";

    private static readonly string[] ProductFolders = ["src", "ingest"];

    public static TheoryData<string> ProductProjects()
    {
        var data = new TheoryData<string>();
        foreach (var project in ProjectFiles())
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, project).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProductProjects))]
    public void ProductProject_IsReferencedByThisTestProject(string project)
    {
        var assembly = AssemblyName(Path.Combine(RepoPaths.Root, project));

        Assert.True(
            File.Exists(Path.Combine(AppContext.BaseDirectory, assembly + ".dll")),
            $"{assembly}.dll is not in the test output, so the egress IL scan cannot check it: add " +
            $"<ProjectReference Include=\"..\\..\\{project.Replace('/', '\\')}\" /> to tests/Rag.Egress.Tests/Rag.Egress.Tests.csproj.");
    }

    [Fact]
    public void ProductAssemblies_CreateNoHttpClientOrSocketOutsideRagEgress()
    {
        var violations = ProductAssemblyPaths()
            .Where(p => !string.Equals(Path.GetFileNameWithoutExtension(p), GuardAssembly, StringComparison.Ordinal))
            .SelectMany(NetworkConstructionScanner.Scan)
            .ToList();

        Assert.True(
            violations.Count == 0,
            "Code outside Rag.Egress creates network clients or sockets, bypassing the egress guard. Take an HttpClient from " +
            "IHttpClientFactory (AddRagEgress guards it) or a handler from IEgressHandlerFactory:" + Environment.NewLine +
            string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void Scanner_DeliberateViolationsInThisAssembly_AreAllFound()
    {
        var found = NetworkConstructionScanner.Scan(typeof(DeliberateViolations).Assembly.Location)
            .Where(v => v.Type.StartsWith(typeof(DeliberateViolations).FullName!, StringComparison.Ordinal))
            .ToList();

        Assert.Contains(found, v => v.Method == nameof(DeliberateViolations.NewHttpClient) && v.Target == "new System.Net.Http.HttpClient");
        Assert.Contains(found, v => v.Method == nameof(DeliberateViolations.NewSocket) && v.Target == "new System.Net.Sockets.Socket");
        Assert.Contains(found, v => v.Method == nameof(DeliberateViolations.NewTcpClient) && v.Target == "new System.Net.Sockets.TcpClient");
        Assert.Contains(found, v => v.Method == nameof(DeliberateViolations.NewUdpClient) && v.Target == "new System.Net.Sockets.UdpClient");
        Assert.Contains(found, v => v.Method == nameof(DeliberateViolations.NewHttpClientHandler) && v.Target == "new System.Net.Http.HttpClientHandler");
        Assert.Contains(found, v => v.Method == nameof(DeliberateViolations.NewWebRequest) && v.Target == "System.Net.WebRequest.Create");
        Assert.Contains(found, v => v.Method == nameof(DeliberateViolations.NewWebClient) && v.Target == "new System.Net.WebClient");
        Assert.Contains(found, v => v.Type.EndsWith("+DerivedClient", StringComparison.Ordinal) && v.Method == ".ctor" && v.Target == "new System.Net.Http.HttpClient");
        Assert.Contains("Rag.Egress.Tests: Rag.Egress.Tests.Scanning.DeliberateViolations.NewHttpClient uses new System.Net.Http.HttpClient", found.Select(v => v.ToString()));
    }

    [Fact]
    public void Scanner_BackchannelNotFromTheGuard_IsFound()
    {
        var found = NetworkConstructionScanner.Scan(typeof(DeliberateViolations).Assembly.Location)
            .Where(v => v.Type == typeof(DeliberateViolations).FullName)
            .ToList();

        Assert.Contains(found, v => v.Method == nameof(DeliberateViolations.UnguardedBackchannel) && v.Target == "unguarded back-channel Microsoft.AspNetCore.Authentication.RemoteAuthenticationOptions::set_BackchannelHttpHandler");
        Assert.Contains(found, v => v.Method == nameof(DeliberateViolations.UnguardedBackchannelClient) && v.Target == "unguarded back-channel Microsoft.AspNetCore.Authentication.RemoteAuthenticationOptions::set_Backchannel");
        Assert.Contains(found, v => v.Method == nameof(DeliberateViolations.OwnConfigurationManager) && v.Target == "unguarded back-channel new Microsoft.IdentityModel.Protocols.ConfigurationManager`1");
        Assert.DoesNotContain(found, v => v.Method == nameof(DeliberateViolations.GuardedBackchannel));
    }

    [Fact]
    public void Scanner_RagEgress_IsWhereTheSocketIsMade()
    {
        var found = NetworkConstructionScanner.Scan(typeof(IEgressConnector).Assembly.Location);

        Assert.Contains(found, v => v.Target == "new System.Net.Sockets.Socket");
        Assert.Contains(found, v => v.Target == "new System.Net.Http.SocketsHttpHandler");
    }

    private static IEnumerable<string> ProjectFiles() =>
        ProductFolders
            .Select(folder => Path.Combine(RepoPaths.Root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateDirectories(folder))
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.csproj"))
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> ProductAssemblyPaths() =>
        ProjectFiles()
            .Select(p => Path.Combine(AppContext.BaseDirectory, AssemblyName(p) + ".dll"))
            .Where(File.Exists);

    private static string AssemblyName(string projectFile)
    {
        var declared = XDocument.Load(projectFile).Descendants("AssemblyName").Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0);
        return declared ?? Path.GetFileNameWithoutExtension(projectFile);
    }
}
