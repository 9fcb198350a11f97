namespace Rag.Ingest.Readers.Ocr;

/// <summary>How a tool process ended: its exit code, its standard output and the tail of its standard error.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string ErrorTail);
