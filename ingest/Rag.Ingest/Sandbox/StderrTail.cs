namespace Rag.Ingest.Sandbox;

/// <summary>What a child wrote to stderr, reduced to the crash signs the parent needs (never kept whole: it could be large).</summary>
internal sealed class StderrTail
{
    private volatile bool _stackOverflow;
    private volatile bool _outOfMemory;

    /// <summary>True once the runtime reported a stack overflow.</summary>
    public bool StackOverflow => _stackOverflow;

    /// <summary>True once the runtime reported running out of memory.</summary>
    public bool OutOfMemory => _outOfMemory;

    /// <summary>Takes one line of the child's stderr.</summary>
    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase))
        {
            _stackOverflow = true;
        }

        if (line.Contains("OutOfMemory", StringComparison.Ordinal) || line.Contains("out of memory", StringComparison.OrdinalIgnoreCase))
        {
            _outOfMemory = true;
        }
    }
}
