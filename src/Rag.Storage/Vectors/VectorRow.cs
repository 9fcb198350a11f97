namespace Rag.Storage.Vectors;

/// <summary>A vector to put into a <see cref="VectorMatrix"/>: its key (the chunk rowid) and its document set's ordinal.</summary>
internal readonly record struct VectorRow(long Key, int SetOrdinal, ReadOnlyMemory<float> Vector);
