namespace Rag.Audit.Export;

/// <summary>
/// Lines the rows of a file up with the signed row digests, so that a problem names the row: a row whose digest is
/// signed elsewhere is out of order or repeated; rows whose digests are not signed at all take, in order, the places of
/// the signed rows that did not appear between the same two matching rows (changed), and any left over were added; signed
/// rows that never appear are missing.
/// </summary>
internal sealed class AuditExportRowAligner
{
    private readonly Dictionary<string, int> _positions;
    private readonly bool[] _seen;
    private readonly Action<AuditExportProblem> _report;
    private readonly List<(long Row, long? Sequence)> _unmatched = [];
    private readonly List<(int Position, long BeforeRow)> _skipped = [];
    private int _next;
    private long _rows;

    public AuditExportRowAligner(IReadOnlyList<string?> signed, Action<AuditExportProblem> report)
    {
        _positions = new Dictionary<string, int>(signed.Count, StringComparer.Ordinal);
        for (var i = 0; i < signed.Count; i++)
        {
            _positions.TryAdd(signed[i] ?? string.Empty, i);
        }

        _seen = new bool[signed.Count];
        _report = report;
    }

    public static string Name(long row, long? sequence) => sequence is { } s ? $"row {row} (sequence {s})" : $"row {row}";

    /// <summary>Places row <paramref name="row"/>; false when a problem was reported for it (or will be).</summary>
    public bool Add(long row, long? sequence, string? digest)
    {
        _rows = row;
        if (digest is null || !_positions.TryGetValue(digest, out var position))
        {
            _unmatched.Add((row, sequence));
            return false;
        }

        if (_seen[position])
        {
            _report(new AuditExportProblem(row, sequence, $"{Name(row, sequence)} repeats row {position + 1} of the signed export"));
            return false;
        }

        _seen[position] = true;
        if (position < _next)
        {
            _report(new AuditExportProblem(row, sequence, $"{Name(row, sequence)} is out of order: the signed export has it as row {position + 1}"));
            return false;
        }

        Settle(position, row);
        _next = position + 1;
        return true;
    }

    /// <summary>Reports what is left once every row was added.</summary>
    public void Complete()
    {
        Settle(_seen.Length, _rows + 1);
        foreach (var (position, before) in _skipped.Where(s => !_seen[s.Position]))
        {
            var where = before > _rows ? "at the end of the file" : $"before row {before}";
            _report(new AuditExportProblem(before, null, $"row {position + 1} of the signed export is missing {where}"));
        }
    }

    private void Settle(int upTo, long row)
    {
        var places = new List<int>();
        for (var i = _next; i < upTo; i++)
        {
            if (!_seen[i])
            {
                places.Add(i);
            }
        }

        var taken = 0;
        foreach (var (unmatched, sequence) in _unmatched)
        {
            if (taken < places.Count)
            {
                _seen[places[taken++]] = true;
                _report(new AuditExportProblem(unmatched, sequence, $"{Name(unmatched, sequence)}: its cells do not match the signed manifest"));
            }
            else
            {
                _report(new AuditExportProblem(unmatched, sequence, $"{Name(unmatched, sequence)} is not in the signed export: it was added"));
            }
        }

        _unmatched.Clear();
        _skipped.AddRange(places.Skip(taken).Select(p => (p, row)));
    }
}
