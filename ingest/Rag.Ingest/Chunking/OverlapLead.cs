namespace Rag.Ingest.Chunking;

/// <summary>Trailing sentences of a chunk repeated at the start of the next one: from <see cref="Start"/>, which lies in unit <see cref="Unit"/>.</summary>
internal readonly record struct OverlapLead(int Start, int Unit, int Tokens);
