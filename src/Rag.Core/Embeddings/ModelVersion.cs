namespace Rag.Core.Embeddings;

/// <summary>
/// The version of a model as the audit trail records it: the first 16 hex digits of the SHA-256 of its weights file,
/// so a swapped file shows even under the same model id. Ask a generator for it with <c>GetService&lt;ModelVersion&gt;()</c>.
/// </summary>
/// <param name="Value">The version text.</param>
public sealed record ModelVersion(string Value);
