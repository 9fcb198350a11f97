namespace Rag.Web.Workspaces.Status;

/// <summary>The models in use.</summary>
/// <param name="BoundModelId">The embedding model the index is bound to (catalog), or null while the index is empty.</param>
/// <param name="BoundDimensions">Its vector length as bound, or null.</param>
/// <param name="EmbedderModelId">The embedder this process loaded.</param>
/// <param name="EmbedderDimensions">Its vector length.</param>
/// <param name="EmbedderHash">Its model file's SHA-256 prefix (the version the audit trail records), or null if unknown.</param>
/// <param name="ExecutionProvider">The ONNX Runtime execution provider the embedder runs on: CPU, CUDA or DirectML.</param>
/// <param name="Generator">Who writes answers: "extractive" (no model), or the provider and model.</param>
public sealed record ModelStatus(
    string? BoundModelId,
    int? BoundDimensions,
    string EmbedderModelId,
    int EmbedderDimensions,
    string? EmbedderHash,
    string ExecutionProvider,
    string Generator);
