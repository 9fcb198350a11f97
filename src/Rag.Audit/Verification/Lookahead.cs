using Rag.Core.Audit;

namespace Rag.Audit.Verification;

/// <summary>An async sequence that can be peeked ahead of its current position.</summary>
internal sealed class Lookahead<T> : IAsyncDisposable
{
    private readonly IAsyncEnumerator<T> _source;
    private readonly List<T> _buffer = [];
    private int _start;
    private bool _done;

    public Lookahead(IAsyncEnumerable<T> source, CancellationToken cancellationToken) =>
        _source = source.GetAsyncEnumerator(cancellationToken);

    /// <summary>The next item, or default at the end.</summary>
    public async ValueTask<(bool Found, T Item)> NextAsync()
    {
        if (_start < _buffer.Count)
        {
            var item = _buffer[_start++];
            if (_start == _buffer.Count)
            {
                _buffer.Clear();
                _start = 0;
            }

            return (true, item);
        }

        if (_done || !await _source.MoveNextAsync())
        {
            _done = true;
            return (false, default!);
        }

        return (true, _source.Current);
    }

    /// <summary>Up to <paramref name="count"/> items after the current one, without consuming them.</summary>
    public async ValueTask<IReadOnlyList<T>> PeekAsync(int count)
    {
        while (_buffer.Count - _start < count && !_done)
        {
            if (await _source.MoveNextAsync())
            {
                _buffer.Add(_source.Current);
            }
            else
            {
                _done = true;
            }
        }

        return _buffer.GetRange(_start, Math.Min(count, _buffer.Count - _start));
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
