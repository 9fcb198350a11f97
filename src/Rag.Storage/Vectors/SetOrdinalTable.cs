using System.Collections.Concurrent;

namespace Rag.Storage.Vectors;

/// <summary>
/// Small dense integers for document set names, so that each matrix row carries an <c>int</c> and a query's
/// access filter is one <c>bool[]</c> lookup per row. Names are the canonical spellings stored in the database
/// and compare ordinally: two sets the database keeps apart must never share an ordinal.
/// Ordinals live as long as the process; sets are never deleted, so they are never reused.
/// </summary>
internal sealed class SetOrdinalTable
{
    private readonly ConcurrentDictionary<string, int> _ordinals = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Number of ordinals handed out.</summary>
    public int Count => _ordinals.Count;

    /// <summary>The ordinal of <paramref name="setName"/>, assigning the next one on first sight.</summary>
    public int GetOrAdd(string setName)
    {
        if (_ordinals.TryGetValue(setName, out var ordinal))
        {
            return ordinal;
        }

        lock (_gate)
        {
            if (!_ordinals.TryGetValue(setName, out ordinal))
            {
                ordinal = _ordinals.Count;
                _ordinals[setName] = ordinal;
            }

            return ordinal;
        }
    }

    /// <summary>A mask indexed by ordinal: true for the sets in <paramref name="readableSets"/>.</summary>
    public bool[] Mask(IEnumerable<string> readableSets)
    {
        var mask = new bool[_ordinals.Count];
        foreach (var name in readableSets)
        {
            if (_ordinals.TryGetValue(name, out var ordinal) && ordinal < mask.Length)
            {
                mask[ordinal] = true;
            }
        }

        return mask;
    }
}
