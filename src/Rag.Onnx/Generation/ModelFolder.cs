namespace Rag.Onnx.Generation;

/// <summary>Finds the files of an exported decoder folder; every error names the folder or file and what is wrong.</summary>
internal static class ModelFolder
{
    /// <summary>The validated, absolute model folder.</summary>
    public static string Resolve(string? modelPath)
    {
        if (string.IsNullOrWhiteSpace(modelPath))
        {
            throw new ArgumentException($"{OnnxChatClientOptions.SectionName}:ModelPath is required (the exported model folder).", nameof(modelPath));
        }

        var folder = Path.GetFullPath(modelPath);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Chat model folder '{folder}' does not exist ({OnnxChatClientOptions.SectionName}:ModelPath).");
        }

        return folder;
    }

    /// <summary>A file that must exist in the folder.</summary>
    public static string Required(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Chat model folder '{folder}' has no {name}.", path);
    }

    /// <summary>A file that may exist, else null.</summary>
    public static string? Optional(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// <paramref name="modelFile"/> when given; else <c>onnx/model.onnx</c>; else the only <c>*.onnx</c> in <c>onnx/</c>,
    /// else in the folder itself (onnxruntime-genai layout).
    /// </summary>
    public static string ModelFile(string folder, string? modelFile)
    {
        if (!string.IsNullOrWhiteSpace(modelFile))
        {
            var explicitPath = Path.GetFullPath(Path.Combine(folder, modelFile));
            return File.Exists(explicitPath)
                ? explicitPath
                : throw new FileNotFoundException(
                    $"Chat model file '{explicitPath}' ({OnnxChatClientOptions.SectionName}:ModelFile) does not exist; candidates: {Candidates(folder)}.",
                    explicitPath);
        }

        var preferred = Path.Combine(folder, "onnx", "model.onnx");
        if (File.Exists(preferred))
        {
            return preferred;
        }

        foreach (var dir in new[] { Path.Combine(folder, "onnx"), folder })
        {
            var found = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.onnx") : [];
            if (found.Length == 1)
            {
                return found[0];
            }

            if (found.Length > 1)
            {
                throw new InvalidOperationException(
                    $"Chat model folder '{folder}' holds several ONNX files; set {OnnxChatClientOptions.SectionName}:ModelFile to one of: {Candidates(folder)}.");
            }
        }

        throw new FileNotFoundException($"Chat model folder '{folder}' has no onnx/model.onnx and no other *.onnx file.", preferred);
    }

    private static string Candidates(string folder)
    {
        var names = new[] { Path.Combine(folder, "onnx"), folder }
            .Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d, "*.onnx"))
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        return names.Count == 0 ? "(none)" : string.Join(", ", names);
    }
}
