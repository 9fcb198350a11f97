using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rag.Evaluation.Reporting;

/// <summary>Writes evaluation and benchmark results as indented camelCase JSON, creating the folder if needed.</summary>
public static class ResultFile
{
    /// <summary>The serializer settings used for every result file.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Serializes <paramref name="result"/> to <paramref name="path"/> (written to a temporary file, then moved).</summary>
    public static async Task WriteAsync<T>(string path, T result, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, result, Options, cancellationToken);
        }

        File.Move(temporary, full, overwrite: true);
    }
}
