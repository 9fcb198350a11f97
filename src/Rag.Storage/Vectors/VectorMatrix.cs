using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Rag.Core.Storage;

namespace Rag.Storage.Vectors;

/// <summary>
/// Every vector of the index in memory, for exact cosine search: one contiguous row-major <c>float[]</c>
/// (unit-length rows, so cosine is a dot product), with each row's key (chunk id) and document set ordinal
/// in parallel arrays. Rows are appended at the end, the arrays grow by doubling, and a removal moves the
/// last row into the hole, so the scan always walks a dense prefix without gaps or tombstones.
/// </summary>
/// <remarks>
/// Concurrency: a <see cref="ReaderWriterLockSlim"/>, not an immutable snapshot swap. A snapshot would have to
/// copy the whole matrix on every write (1.5 GB at 1M chunks x 384 dimensions) or split it into pieces the scan
/// must hop between. Here searches are many and concurrent and share the read lock; writes (ingestion) are rare,
/// touch a few rows and hold the write lock only for that in-memory copy. The lock is never held across an await.
/// </remarks>
internal sealed class VectorMatrix : IDisposable
{
    /// <summary>Below this many rows per core, one thread scans faster than the cost of fanning out.</summary>
    internal const int MinRowsPerPartition = 32_768;

    private const int MinCapacity = 16;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<Guid, int> _rowOfKey;
    private readonly int _maxRows;
    private float[] _values;
    private Guid[] _keys;
    private int[] _sets;
    private int _count;

    /// <summary>Creates an empty matrix of <paramref name="dimensions"/> columns with room for <paramref name="initialCapacity"/> rows.</summary>
    public VectorMatrix(int dimensions, int initialCapacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        Dimensions = dimensions;
        _maxRows = Array.MaxLength / dimensions;
        var capacity = Math.Clamp(initialCapacity, Math.Min(MinCapacity, _maxRows), _maxRows);
        _values = new float[capacity * dimensions];
        _keys = new Guid[capacity];
        _sets = new int[capacity];
        _rowOfKey = new Dictionary<Guid, int>(capacity);
    }

    /// <summary>Vector length.</summary>
    public int Dimensions { get; }

    /// <summary>Number of rows.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Rows the arrays can hold before they grow.</summary>
    internal int Capacity => _keys.Length;

    /// <summary>Adds a row, or overwrites the row with the same key. The vector is normalised on the way in.</summary>
    public void Upsert(Guid key, int setOrdinal, ReadOnlySpan<float> vector)
    {
        CheckLength(vector.Length);
        _lock.EnterWriteLock();
        try
        {
            UpsertCore(key, setOrdinal, vector);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes the row with <paramref name="key"/>; false when there is none.</summary>
    public bool Remove(Guid key)
    {
        _lock.EnterWriteLock();
        try
        {
            return RemoveCore(key);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Applies removals, then upserts, as one step that no search observes half-done.</summary>
    public void Apply(IReadOnlyCollection<Guid> removedKeys, IReadOnlyCollection<VectorRow> upserts)
    {
        ArgumentNullException.ThrowIfNull(removedKeys);
        ArgumentNullException.ThrowIfNull(upserts);
        foreach (var row in upserts)
        {
            CheckLength(row.Vector.Length);
        }

        _lock.EnterWriteLock();
        try
        {
            foreach (var key in removedKeys)
            {
                RemoveCore(key);
            }

            foreach (var row in upserts)
            {
                UpsertCore(row.Key, row.SetOrdinal, row.Vector.Span);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// The <paramref name="k"/> rows most similar to <paramref name="query"/> among rows whose set ordinal is true in
    /// <paramref name="allowedSets"/>, best first (ties: lower key first). Rows of other sets are never scored, so
    /// forbidden rows cannot crowd allowed ones out of the top-k.
    /// </summary>
    public ScoredChunk[] Search(ReadOnlySpan<float> query, bool[] allowedSets, int k)
    {
        ArgumentNullException.ThrowIfNull(allowedSets);
        CheckLength(query.Length);
        if (k <= 0 || !allowedSets.AsSpan().Contains(true))
        {
            return [];
        }

        var unitQuery = VectorMath.Normalized(query);
        _lock.EnterReadLock();
        try
        {
            var count = _count;
            var partitions = Math.Min(Environment.ProcessorCount, count / MinRowsPerPartition);
            if (partitions <= 1)
            {
                var heap = new PriorityQueue<int, float>(k);
                Scan(unitQuery, allowedSets, 0, count, k, heap);
                return Drain([heap], k);
            }

            // The read lock is held by this thread for the whole fan-out, so the workers see stable arrays.
            var heaps = new PriorityQueue<int, float>[partitions];
            var rowsPerPartition = (count + partitions - 1) / partitions;
            Parallel.For(0, partitions, p =>
            {
                var heap = new PriorityQueue<int, float>(k);
                var from = p * rowsPerPartition;
                Scan(unitQuery, allowedSets, from, Math.Min(count, from + rowsPerPartition), k, heap);
                heaps[p] = heap;
            });
            return Drain(heaps, k);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    // The hot loop of every search: compiled fully optimised at once rather than starting as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Scan(float[] query, bool[] allowedSets, int from, int to, int k, PriorityQueue<int, float> heap)
    {
        var values = _values;
        var sets = _sets;
        var dimensions = Dimensions;
        var q = new ReadOnlySpan<float>(query);
        var min = float.NegativeInfinity;
        for (var row = from; row < to; row++)
        {
            var set = sets[row];
            if ((uint)set >= (uint)allowedSets.Length || !allowedSets[set])
            {
                continue;
            }

            var score = TensorPrimitives.Dot(new ReadOnlySpan<float>(values, row * dimensions, dimensions), q);
            if (heap.Count < k)
            {
                heap.Enqueue(row, score);
                if (heap.Count == k)
                {
                    heap.TryPeek(out _, out min);
                }
            }
            else if (score > min)
            {
                heap.DequeueEnqueue(row, score);
                heap.TryPeek(out _, out min);
            }
        }
    }

    private ScoredChunk[] Drain(PriorityQueue<int, float>[] heaps, int k)
    {
        var all = new List<ScoredChunk>();
        foreach (var heap in heaps)
        {
            foreach (var (row, score) in heap.UnorderedItems)
            {
                all.Add(new ScoredChunk(_keys[row], score));
            }
        }

        all.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.ChunkId.CompareTo(b.ChunkId));
        return all.Count > k ? all.GetRange(0, k).ToArray() : all.ToArray();
    }

    private void UpsertCore(Guid key, int setOrdinal, ReadOnlySpan<float> vector)
    {
        if (!_rowOfKey.TryGetValue(key, out var row))
        {
            EnsureCapacity(_count + 1);
            row = _count++;
            _keys[row] = key;
            _rowOfKey.Add(key, row);
        }

        _sets[row] = setOrdinal;
        VectorMath.NormalizeInto(vector, _values.AsSpan(row * Dimensions, Dimensions));
    }

    private bool RemoveCore(Guid key)
    {
        if (!_rowOfKey.Remove(key, out var row))
        {
            return false;
        }

        var last = _count - 1;
        if (row != last)
        {
            Array.Copy(_values, last * Dimensions, _values, row * Dimensions, Dimensions);
            _keys[row] = _keys[last];
            _sets[row] = _sets[last];
            _rowOfKey[_keys[row]] = row;
        }

        _count = last;
        return true;
    }

    private void EnsureCapacity(int rows)
    {
        if (rows <= _keys.Length)
        {
            return;
        }

        if (rows > _maxRows)
        {
            throw new InvalidOperationException($"The in-memory vector index is full: at most {_maxRows} vectors of {Dimensions} dimensions fit in one array.");
        }

        var capacity = (int)Math.Min(Math.Max((long)_keys.Length * 2, rows), _maxRows);
        Array.Resize(ref _values, capacity * Dimensions);
        Array.Resize(ref _keys, capacity);
        Array.Resize(ref _sets, capacity);
    }

    private void CheckLength(int length)
    {
        if (length != Dimensions)
        {
            throw new ArgumentException($"Vector has {length} dimensions; this matrix holds {Dimensions}.", nameof(length));
        }
    }
}
