namespace Rag.Storage.Sqlite;

/// <summary>A chunk vector's current row, as a reader of the change log applies it.</summary>
internal sealed record VectorChange(string SetName, float[] Vector);
