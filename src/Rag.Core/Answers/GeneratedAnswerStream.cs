using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Rag.Core.Embeddings;
using Rag.Core.Grounding;
using Rag.Core.Retrieval;

namespace Rag.Core.Answers;

/// <summary>
/// Streams the generator's answer through the <see cref="CitationStreamFilter"/> and settles how it ended: complete
/// (possibly at the length limit); failed before writing anything (the caller quotes instead, with a notice); or broken
/// off after the caller saw part of it (that part goes on record as failed, then the error goes on). A stream that just
/// ends without a finish reason was cut off and counts as a failure, never as a whole answer.
/// </summary>
internal sealed class GeneratedAnswerStream
{
    private const string CutOff = "the model's answer ended without saying it was finished (connection lost?)";
    private readonly IChatClient _generator;
    private readonly AnswerOptions _options;
    private readonly ILogger _logger;
    private readonly Lazy<(string Id, string? Version)> _model;

    public GeneratedAnswerStream(IChatClient generator, AnswerOptions options, ILogger logger)
    {
        _generator = generator;
        _options = options;
        _logger = logger;
        _model = new Lazy<(string, string?)>(() => (
            generator.GetService<ChatClientMetadata>()?.DefaultModelId ?? "generator",
            generator.GetService<ModelVersion>()?.Value));
    }

    /// <summary>The generator's model id and version, as recorded with its answers.</summary>
    public (string Id, string? Version) Model => _model.Value;

    /// <summary>
    /// The pieces of the answer as they pass the citation filter. When the enumeration ends, <paramref name="outcome"/>
    /// holds the answer or why none was written. If the model breaks off after a piece was shown, <paramref name="recordBrokenOff"/>
    /// gets what was shown (with a notice) before the error is rethrown.
    /// </summary>
    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(
        GenerationInput input,
        GenerationOutcome outcome,
        Func<Answer, Task> recordBrokenOff,
        QuestionTelemetry telemetry,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var messages = GroundedPrompt.Build(input.Question, input.Sources, input.History);
        var options = new ChatOptions { MaxOutputTokens = _options.MaxOutputTokens, Temperature = _options.Temperature };
        var filter = new CitationStreamFilter(input.Sources.Count);
        var text = new StringBuilder();
        var generate = telemetry.StartGenerate();
        await using var stream = _generator.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        ChatFinishReason? finish = null;
        while (true)
        {
            var more = false;
            try
            {
                more = await stream.MoveNextAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException && text.Length == 0)
            {
                // The model failed before writing anything (server down, blocked, overloaded): the quoted answer
                // is still a correct answer, so it is given with a notice rather than nothing.
                outcome.Failure = ex.Message;
                QuestionLog.GeneratorFailed(_logger, Model.Id, ex);
            }
            catch (Exception ex) when (text.Length > 0)
            {
                // The model broke off (or the caller went away) after the user saw part of an answer: that part is
                // on record too, marked failed, before the error goes on.
                QuestionLog.GeneratorFailed(_logger, Model.Id, ex);
                generate?.Dispose();
                telemetry.Resume();
                await recordBrokenOff(BrokenOff(text, input, filter, ex.Message));
                throw;
            }

            if (!more)
            {
                break;
            }

            finish = stream.Current.FinishReason ?? finish;
            var shown = filter.Push(stream.Current.Text);
            if (shown.Length > 0)
            {
                text.Append(shown);
                yield return new AnswerUpdate(shown);
            }
        }

        generate?.Dispose();
        telemetry.Resume();
        if (outcome.Failure is null && finish is null)
        {
            // Every OpenAI-compatible server and the ONNX decoder say why they stopped; a stream that just ends was
            // cut off (a dying server, a dropped connection), and a cut-off answer must not pass for a whole one.
            if (text.Length == 0)
            {
                outcome.Failure = CutOff;
            }
            else
            {
                await recordBrokenOff(BrokenOff(text, input, filter, CutOff));
                throw new AnswerIncompleteException("The answer broke off: " + CutOff + ".");
            }
        }

        if (outcome.Failure is not null)
        {
            yield break;
        }

        outcome.Tail = filter.Complete();
        text.Append(outcome.Tail);
        var answer = Generated(text.ToString().TrimEnd(), input, filter);
        outcome.Answer = finish == ChatFinishReason.Length
            ? answer with { Notice = "The answer reached its length limit (Rag:Answer:MaxOutputTokens) and may be cut off." }
            : answer;
    }

    private Answer BrokenOff(StringBuilder text, GenerationInput input, CitationStreamFilter filter, string reason) =>
        Generated(text.ToString().TrimEnd(), input, filter) with { Notice = "The answer broke off: " + reason };

    private Answer Generated(string text, GenerationInput input, CitationStreamFilter filter)
    {
        var citations = filter.Cited.Select(n =>
        {
            var hit = input.Sources[n - 1];
            var chunk = hit.Chunk;
            var snippet = chunk.Text.Length <= _options.MaxSnippetChars ? chunk.Text : string.Concat(chunk.Text.AsSpan(0, _options.MaxSnippetChars), "…");
            return Citation.For(n, hit, hit.Score, snippet);
        }).ToList();
        return new Answer(text, citations, true)
        {
            Grounded = citations.Count > 0,
            RemovedCitations = [.. filter.Removed],
            ModelId = Model.Id,
            SearchQuery = input.Query,
        };
    }
}
