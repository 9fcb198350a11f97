namespace Rag.Ingest.Readers.Ocr;

/// <summary>An OCR tool's executable could not be started (not installed, or the configured path is wrong).</summary>
internal sealed class ToolNotFoundException(string executable, Exception innerException)
    : Exception($"'{executable}' could not be started: {innerException.Message}", innerException)
{
    public string Executable { get; } = executable;
}
