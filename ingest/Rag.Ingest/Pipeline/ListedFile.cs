namespace Rag.Ingest.Pipeline;

/// <summary>A regular file found under an ingested path.</summary>
/// <param name="FullPath">Where it is.</param>
/// <param name="RelativePath">Its path relative to the folder given (its file name when given directly): its document id.</param>
/// <param name="Status">Its kind and identity when listed, checked again when it is opened.</param>
internal sealed record ListedFile(string FullPath, string RelativePath, FileEntryStatus Status);
