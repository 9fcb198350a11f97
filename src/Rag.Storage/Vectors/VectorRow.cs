namespace Rag.Storage.Vectors;

/// <summary>A vector to put into a <see cref="VectorMatrix"/>: its key (the chunk id) and its document set's ordinal.</summary>
internal readonly record struct VectorRow(Guid Key, int SetOrdinal, ReadOnlyMemory<float> Vector);
