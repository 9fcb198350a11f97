namespace Rag.Cli.Models;

/// <summary>Finds the extracted folder of a NuGet package, obtaining it through the NuGet client when needed.</summary>
internal interface INuGetPackageLocator
{
    /// <summary>The folder that holds the package's files (its <c>lib/</c> and so on).</summary>
    Task<string> LocateAsync(string packageId, string version, CancellationToken cancellationToken = default);
}
