using System.Text;

namespace Rag.Onnx.Generation;

/// <summary>
/// Holds back generated text that might be the start of a stop sequence, so a stop sequence is never emitted,
/// not even in part, while everything before it streams as soon as it is known not to start one.
/// </summary>
internal sealed class StopSequenceFilter
{
    private readonly string[] _stops;
    private readonly StringBuilder _pending = new();

    public StopSequenceFilter(IEnumerable<string>? stops) => _stops = [.. (stops ?? []).Where(s => s.Length > 0)];

    /// <summary>Whether a stop sequence has been seen (then no more text is accepted).</summary>
    public bool Stopped { get; private set; }

    /// <summary>Adds <paramref name="text"/>; returns what can be emitted now.</summary>
    public string Push(string text)
    {
        if (Stopped || text.Length == 0)
        {
            return string.Empty;
        }

        if (_stops.Length == 0)
        {
            return text;
        }

        _pending.Append(text);
        var pending = _pending.ToString();
        var earliest = -1;
        foreach (var stop in _stops)
        {
            var at = pending.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (earliest < 0 || at < earliest))
            {
                earliest = at;
            }
        }

        if (earliest >= 0)
        {
            Stopped = true;
            _pending.Clear();
            return pending[..earliest];
        }

        var hold = HeldBackFrom(pending);
        _pending.Remove(0, hold);
        return pending[..hold];
    }

    /// <summary>The rest at the end of generation (it did not turn into a stop sequence).</summary>
    public string Flush()
    {
        var rest = Stopped ? string.Empty : _pending.ToString();
        _pending.Clear();
        return rest;
    }

    // The first index from which the tail could still grow into a stop sequence; never inside a surrogate pair.
    private int HeldBackFrom(string pending)
    {
        for (var i = 0; i < pending.Length; i++)
        {
            if (char.IsLowSurrogate(pending[i]))
            {
                continue;
            }

            var tail = pending.AsSpan(i);
            foreach (var stop in _stops)
            {
                if (stop.AsSpan().StartsWith(tail, StringComparison.Ordinal))
                {
                    return i;
                }
            }
        }

        return pending.Length;
    }
}
