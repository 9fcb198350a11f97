namespace Rag.Evaluation.Beir;

/// <summary>One corpus entry of a BEIR dataset.</summary>
/// <param name="Id">The corpus id (<c>_id</c>).</param>
/// <param name="Title">The title, possibly empty.</param>
/// <param name="Text">The text.</param>
public sealed record BeirDocument(string Id, string Title, string Text);
