using Microsoft.Extensions.Options;

namespace Rag.Onnx.SentenceEmbeddings;

/// <summary>
/// Fails start-up when the configured model folder or one of its files is missing, or when the execution provider named
/// is not one this build of ONNX Runtime contains (Cuda in the CPU-only default build).
/// </summary>
internal sealed class EmbeddingOptionsValidator : IValidateOptions<EmbeddingOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.ExecutionProvider))
        {
            return ValidateOptionsResult.Fail(
                $"{SessionOptionsFactory.EmbeddingSetting}: '{options.ExecutionProvider}' is not a provider; use Auto, Cpu, Cuda or DirectML.");
        }

        if (!SessionOptionsFactory.IsInBuild(options.ExecutionProvider))
        {
            return ValidateOptionsResult.Fail(
                $"{SessionOptionsFactory.EmbeddingSetting}: {options.ExecutionProvider} cannot be used: {SessionOptionsFactory.NotInBuild(options.ExecutionProvider)}. Use Auto or Cpu.");
        }

        if (string.IsNullOrWhiteSpace(options.ModelsDirectory) || string.IsNullOrWhiteSpace(options.Model))
        {
            // [Required] reports these.
            return ValidateOptionsResult.Skip;
        }

        var directory = options.ModelDirectory;
        if (!Directory.Exists(directory))
        {
            return ValidateOptionsResult.Fail(
                $"{EmbeddingOptions.SectionName}: model folder '{directory}' for model '{options.Model}' is missing. Run ./rag models install.");
        }

        var failures = ModelFiles.Required(options.Kind, directory)
            .Where(f => !File.Exists(f))
            .Select(f => $"{EmbeddingOptions.SectionName}: model file '{f}' for model '{options.Model}' is missing. Run ./rag models install.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
