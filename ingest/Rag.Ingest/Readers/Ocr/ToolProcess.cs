using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Rag.Ingest.Readers.Ocr;

/// <summary>
/// Runs one local tool (pdftoppm, tesseract) as a child process with a wall-clock limit. The process is killed, with
/// its children, when the limit passes or the caller cancels; its output is read up to a cap so a runaway tool cannot
/// fill memory. A missing executable ends as <see cref="ToolNotFoundException"/>.
/// </summary>
internal static class ToolProcess
{
    private const int MaxOutputBytes = 4 * 1024 * 1024;
    private const int ErrorTailChars = 600;

    public static async Task<ToolResult> RunAsync(
        string executable, IReadOnlyList<string> arguments, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // One thread per tool: the machine's cores belong to the embedder and the other readers.
        start.Environment["OMP_THREAD_LIMIT"] = "1";

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new ToolNotFoundException(executable, ex);
        }

        process.StandardInput.Close();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeLimit);
        var output = ReadCappedAsync(process.StandardOutput.BaseStream, MaxOutputBytes, limit.Token);
        var error = ReadCappedAsync(process.StandardError.BaseStream, 64 * 1024, limit.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token);
            var text = await output;
            var errorText = await error;
            return new ToolResult(process.ExitCode, text, Tail(errorText));
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new DocumentReadException($"{Path.GetFileName(executable)} did not finish within {timeLimit.TotalSeconds:0.#} s and was killed (Rag:Ingestion:OcrPageTimeout)");
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            // Already exited.
        }
    }

    private static async Task<string> ReadCappedAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        using var kept = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            // Past the cap the rest is drained, not kept, so the tool never blocks on a full pipe.
            var room = (int)Math.Min(read, maxBytes - kept.Length);
            if (room > 0)
            {
                kept.Write(buffer, 0, room);
            }
        }

        return Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length);
    }

    private static string Tail(string text)
    {
        var collapsed = TextNormalizer.Collapse(text);
        return collapsed.Length <= ErrorTailChars ? collapsed : "..." + collapsed[^ErrorTailChars..];
    }
}
