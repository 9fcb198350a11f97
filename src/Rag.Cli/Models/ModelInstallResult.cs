namespace Rag.Cli.Models;

/// <summary>What installing one model did.</summary>
internal sealed record ModelInstallResult(string ModelId, int FilesCopied, int FilesAlreadyPresent, string Source);
