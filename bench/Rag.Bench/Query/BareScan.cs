using System.Numerics.Tensors;

namespace Rag.Bench.Query;

/// <summary>
/// The ceiling of exact dense search: dot products over one contiguous row-major <c>float[]</c> and a top-k
/// min-heap, split over every core; no locks, no access filter, no database.
/// </summary>
public static class BareScan
{
    /// <summary>Row indexes of the <paramref name="k"/> rows most similar to <paramref name="query"/>, best first.</summary>
    public static int[] TopK(float[] values, int rows, int dimensions, float[] query, int k)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)rows * dimensions, values.LongLength);
        if (k <= 0 || rows == 0)
        {
            return [];
        }

        var partitions = Math.Clamp(rows / 4096, 1, Environment.ProcessorCount);
        var heaps = new PriorityQueue<int, float>[partitions];
        var perPartition = (rows + partitions - 1) / partitions;
        if (partitions == 1)
        {
            heaps[0] = Scan(values, 0, rows, dimensions, query, k);
        }
        else
        {
            Parallel.For(0, partitions, p => heaps[p] = Scan(values, p * perPartition, Math.Min(rows, (p + 1) * perPartition), dimensions, query, k));
        }

        var all = new List<(int Row, float Score)>(partitions * k);
        foreach (var heap in heaps)
        {
            all.AddRange(heap.UnorderedItems.Select(x => (x.Element, x.Priority)));
        }

        all.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Row.CompareTo(b.Row));
        return all.Take(k).Select(x => x.Row).ToArray();
    }

    private static PriorityQueue<int, float> Scan(float[] values, int from, int to, int dimensions, float[] query, int k)
    {
        var heap = new PriorityQueue<int, float>(k + 1);
        var min = float.NegativeInfinity;
        for (var row = from; row < to; row++)
        {
            var score = TensorPrimitives.Dot(new ReadOnlySpan<float>(values, row * dimensions, dimensions), query);
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

        return heap;
    }
}
