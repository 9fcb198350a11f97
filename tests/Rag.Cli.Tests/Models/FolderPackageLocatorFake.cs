using Rag.Cli.Models;

namespace Rag.Cli.Tests.Models;

/// <summary>
/// Fake for the NuGet client: a "package" folder laid out as NuGet extracts one (lib/netstandard2.1/X.dll), holding a
/// copy of this test assembly. Counts how often it was asked, so a test can see whether a source was consulted.
/// </summary>
internal sealed class FolderPackageLocatorFake(string folder) : INuGetPackageLocator
{
    public const string AssemblyPath = "lib/netstandard2.1/Fixture.dll";

    public int Calls { get; private set; }

    public static FolderPackageLocatorFake WithTestAssembly(string folder)
    {
        var lib = Path.Combine(folder, "lib", "netstandard2.1");
        Directory.CreateDirectory(lib);
        File.Copy(typeof(FolderPackageLocatorFake).Assembly.Location, Path.Combine(lib, "Fixture.dll"));
        return new FolderPackageLocatorFake(folder);
    }

    public Task<string> LocateAsync(string packageId, string version, CancellationToken cancellationToken = default)
    {
        Calls++;
        return Task.FromResult(folder);
    }
}
