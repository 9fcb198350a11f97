using System.Text.Json;

namespace Rag.Onnx.Generation;

/// <summary>
/// Applies ranked BPE merges to one word: always the lowest-ranked adjacent pair, leftmost first on ties
/// (Hugging Face tokenizers' order), in O(n log n) with a linked list and a priority queue.
/// </summary>
internal sealed class BpeMerger
{
    private readonly Dictionary<long, (int Rank, int Id)> _merges;

    public BpeMerger(Dictionary<long, (int Rank, int Id)> merges) => _merges = merges;

    /// <summary>
    /// Reads tokenizer.json's <c>model.merges</c>: <c>["a", "b"]</c> pairs or older <c>"a b"</c> strings, rank = position.
    /// Merges whose parts or result are not in the vocabulary can never apply and are skipped.
    /// </summary>
    public static BpeMerger FromJson(JsonElement merges, IReadOnlyDictionary<string, int> vocab)
    {
        var result = new Dictionary<long, (int Rank, int Id)>(merges.GetArrayLength());
        var rank = 0;
        foreach (var merge in merges.EnumerateArray())
        {
            string left;
            string right;
            if (merge.ValueKind == JsonValueKind.Array)
            {
                left = merge[0].GetString() ?? string.Empty;
                right = merge[1].GetString() ?? string.Empty;
            }
            else
            {
                // Older files: "left right" in one string (neither half contains a space).
                var s = merge.GetString() ?? string.Empty;
                var space = s.IndexOf(' ', 1);
                if (space < 0)
                {
                    throw new FormatException($"merge #{rank} '{s}' has no space.");
                }

                left = s[..space];
                right = s[(space + 1)..];
            }

            if (vocab.TryGetValue(left, out var l) && vocab.TryGetValue(right, out var r) && vocab.TryGetValue(left + right, out var merged))
            {
                result.TryAdd(BpeMerger.Key(l, r), (rank, merged));
            }

            rank++;
        }

        return new BpeMerger(result);
    }

    public static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    public void Merge(List<int> ids)
    {
        var n = ids.Count;
        if (n < 2)
        {
            return;
        }

        var tok = ids.ToArray();
        var next = new int[n];
        var prev = new int[n];
        var removed = new bool[n];
        for (var i = 0; i < n; i++)
        {
            next[i] = i + 1 < n ? i + 1 : -1;
            prev[i] = i - 1;
        }

        var queue = new PriorityQueue<(int Left, int LeftTok, int RightTok, int NewId), (int Rank, int Left)>();
        void Consider(int left)
        {
            var right = next[left];
            if (right >= 0 && _merges.TryGetValue(Key(tok[left], tok[right]), out var m))
            {
                queue.Enqueue((left, tok[left], tok[right], m.Id), (m.Rank, left));
            }
        }

        for (var i = 0; i < n - 1; i++)
        {
            Consider(i);
        }

        while (queue.TryDequeue(out var e, out _))
        {
            var right = next[e.Left];
            // Stale entries: the left symbol changed (merged) or its right neighbour did.
            if (removed[e.Left] || right < 0 || tok[e.Left] != e.LeftTok || tok[right] != e.RightTok)
            {
                continue;
            }

            tok[e.Left] = e.NewId;
            removed[right] = true;
            next[e.Left] = next[right];
            if (next[right] >= 0)
            {
                prev[next[right]] = e.Left;
            }

            if (prev[e.Left] >= 0)
            {
                Consider(prev[e.Left]);
            }

            Consider(e.Left);
        }

        ids.Clear();
        for (var i = 0; i >= 0; i = next[i])
        {
            ids.Add(tok[i]);
        }
    }
}
