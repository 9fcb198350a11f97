using System.Text;

namespace Rag.Core.Grounding;

/// <summary>
/// Checks the citations of a generated answer while it streams. Text passes through as it arrives, except a
/// bracket that may still become a citation (held back until it closes) and trailing spaces (held back so a
/// removed citation leaves no double space). A citation <c>[n]</c> or <c>[n, m]</c> naming a source that was not
/// retrieved is removed and its number recorded; the user never sees a fabricated citation, not even briefly.
/// </summary>
public sealed class CitationStreamFilter
{
    private const int MaxCitationLength = 32;

    private readonly int _sourceCount;
    private readonly StringBuilder _bracket = new();
    private readonly StringBuilder _spaces = new();
    private readonly SortedSet<int> _cited = [];
    private readonly SortedSet<int> _removed = [];
    private bool _started;

    /// <summary>Creates a filter for an answer over sources numbered 1 to <paramref name="sourceCount"/>.</summary>
    public CitationStreamFilter(int sourceCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sourceCount);
        _sourceCount = sourceCount;
    }

    /// <summary>Valid source numbers cited so far, ascending.</summary>
    public IReadOnlyCollection<int> Cited => _cited;

    /// <summary>Invalid numbers removed so far, ascending.</summary>
    public IReadOnlyCollection<int> Removed => _removed;

    /// <summary>Takes the next piece of model output and returns the text that may be shown now.</summary>
    public string Push(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            Accept(c, output);
        }

        return output.ToString();
    }

    /// <summary>Ends the stream: returns whatever was held back (an unclosed bracket is plain text; trailing spaces are dropped).</summary>
    public string Complete()
    {
        var rest = _spaces.Length > 0 && _bracket.Length > 0 ? _spaces.ToString() + _bracket : _bracket.ToString();
        _bracket.Clear();
        _spaces.Clear();
        return rest;
    }

    /// <summary>Checks a whole answer at once.</summary>
    public static (string Text, IReadOnlyCollection<int> Cited, IReadOnlyCollection<int> Removed) Check(string text, int sourceCount)
    {
        var filter = new CitationStreamFilter(sourceCount);
        var result = filter.Push(text) + filter.Complete();
        return (result, filter.Cited, filter.Removed);
    }

    private void Accept(char c, StringBuilder output)
    {
        if (_bracket.Length > 0)
        {
            _bracket.Append(c);
            if (c == ']')
            {
                CloseBracket(output);
            }
            else if (!(char.IsAsciiDigit(c) || c is ',' or ' ') || _bracket.Length > MaxCitationLength)
            {
                // Not a citation after all ("[see above]"): show it as written.
                FlushSpaces(output);
                output.Append(_bracket);
                _bracket.Clear();
            }

            return;
        }

        if (c == '[')
        {
            _bracket.Append(c);
        }
        else if (c is ' ' or '\t')
        {
            // Leading whitespace of the answer is dropped; later runs wait for what follows them.
            if (_started)
            {
                _spaces.Append(c);
            }
        }
        else
        {
            FlushSpaces(output);
            output.Append(c);
            _started = true;
        }
    }

    private void CloseBracket(StringBuilder output)
    {
        var inner = _bracket.ToString(1, _bracket.Length - 2);
        _bracket.Clear();
        var numbers = Parse(inner);
        if (numbers is null)
        {
            FlushSpaces(output);
            output.Append('[').Append(inner).Append(']');
            _started = true;
            return;
        }

        var valid = numbers.Where(n => n >= 1 && n <= _sourceCount).Distinct().ToList();
        foreach (var n in numbers.Where(n => n < 1 || n > _sourceCount))
        {
            _removed.Add(n);
        }

        if (valid.Count == 0)
        {
            // The whole citation goes, and with it the space before it: "claim [7]." becomes "claim.".
            _spaces.Clear();
            return;
        }

        _cited.UnionWith(valid);
        FlushSpaces(output);
        output.Append('[').AppendJoin(", ", valid).Append(']');
        _started = true;
    }

    private void FlushSpaces(StringBuilder output)
    {
        output.Append(_spaces);
        _spaces.Clear();
    }

    /// <summary>The numbers of "1", "1, 2" or "1,2"; null when the text is not a citation list.</summary>
    private static List<int>? Parse(string inner)
    {
        var parts = inner.Split(',', StringSplitOptions.TrimEntries);
        var numbers = new List<int>(parts.Length);
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 6 || !part.All(char.IsAsciiDigit))
            {
                return null;
            }

            numbers.Add(int.Parse(part, System.Globalization.CultureInfo.InvariantCulture));
        }

        return numbers;
    }
}
