using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.AI;

namespace Rag.Bench.Generate;

/// <summary>Times one run of each path. Allocation is read outside the timed span.</summary>
internal static class GeneratePaths
{
    /// <summary>The result of one client run: its timing, the streamed text and what the final update reported.</summary>
    internal sealed record ClientRun(GenerateSample Sample, string Text, int OutputTokens, ChatFinishReason? FinishReason);

    /// <summary>
    /// Streams one response; the first token is the first update that carries text, after which
    /// <paramref name="firstTextToken"/> tokens have been generated.
    /// </summary>
    public static async Task<ClientRun> ClientAsync(
        IChatClient client, IReadOnlyList<ChatMessage> messages, ChatOptions chatOptions, int firstTextToken, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var outputTokens = 0;
        ChatFinishReason? finish = null;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        long first = 0;
        await foreach (var update in client.GetStreamingResponseAsync(messages, chatOptions, cancellationToken))
        {
            var piece = update.Text;
            if (first == 0 && piece.Length > 0)
            {
                first = Stopwatch.GetTimestamp();
            }

            text.Append(piece);
            finish ??= update.FinishReason;
            foreach (var usage in update.Contents.OfType<UsageContent>())
            {
                outputTokens = (int)(usage.Details.OutputTokenCount ?? 0);
            }
        }

        var ended = Stopwatch.GetTimestamp();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        first = first == 0 ? ended : first;
        var sample = new GenerateSample(Seconds(first - started), Seconds(ended - started), outputTokens - firstTextToken, allocated);
        return new ClientRun(sample, text.ToString(), outputTokens, finish);
    }

    /// <summary>Enumerates <paramref name="steps"/> (a bare loop), timing the first id and the last.</summary>
    public static (GenerateSample Sample, List<int> Ids) Bare(Func<IEnumerable<int>> steps, int tokens)
    {
        var ids = new List<int>(tokens);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        long first = 0;
        foreach (var id in steps())
        {
            if (first == 0)
            {
                first = Stopwatch.GetTimestamp();
            }

            ids.Add(id);
        }

        var ended = Stopwatch.GetTimestamp();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        return (new GenerateSample(Seconds(first - started), Seconds(ended - started), ids.Count - 1, allocated), ids);
    }

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
}
