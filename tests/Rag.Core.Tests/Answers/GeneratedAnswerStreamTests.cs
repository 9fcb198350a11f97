using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Rag.Core.Answers;
using Rag.Core.Documents;
using Rag.Core.Retrieval;

namespace Rag.Core.Tests.Answers;

public sealed class GeneratedAnswerStreamTests
{
    private static readonly GenerationInput Input = new(
        "How do I install the VPN?",
        [new RetrievedChunk(new Chunk(Guid.NewGuid(), "doc-1", "handbook", 0, "The VPN client needs a hardware token.", ["Remote work"], 2, 2, 0, 38), "Guide 1", 0.5, 1, 1)],
        [],
        "How do I install the VPN?");

    [Fact]
    public async Task StreamAsync_ModelFinishes_ShowsFilteredPiecesAndCompletesTheAnswer()
    {
        var (pieces, outcome, recorded) = await RunAsync(new ScriptedChatClientFake("It needs a token [1]", " and [4]."));

        Assert.Equal("It needs a token [1] and.", string.Concat(pieces) + outcome.Tail);
        Assert.Equal("It needs a token [1] and.", outcome.Answer!.Text);
        Assert.Equal([4], outcome.Answer.RemovedCitations);
        Assert.Equal("scripted-model", outcome.Answer.ModelId);
        Assert.Equal(Input.Query, outcome.Answer.SearchQuery);
        Assert.True(outcome.Answer.Grounded);
        Assert.Null(outcome.Failure);
        Assert.Empty(recorded);
    }

    [Fact]
    public async Task StreamAsync_FailsBeforeTheFirstPiece_EndsWithTheFailureAndNoAnswer()
    {
        var (pieces, outcome, recorded) = await RunAsync(new ScriptedChatClientFake("never") { Failure = new HttpRequestException("connection refused") });

        Assert.Empty(pieces);
        Assert.Null(outcome.Answer);
        Assert.Equal("connection refused", outcome.Failure);
        Assert.Empty(recorded);
    }

    [Fact]
    public async Task StreamAsync_BreaksOffAfterPieces_RecordsWhatWasShownThenRethrows()
    {
        var model = new ScriptedChatClientFake("It needs ", "a token [1]", " and") { Failure = new HttpRequestException("connection reset"), FailAfterPieces = 2 };
        using var telemetry = QuestionTelemetry.Start();
        var recorded = new List<Answer>();
        var shown = new List<string>();

        var ex = await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var piece in Stream(model).StreamAsync(Input, new GenerationOutcome(), a => Record(recorded, a), telemetry))
            {
                shown.Add(piece.Text);
            }
        });

        Assert.Equal("connection reset", ex.Message);
        var partial = Assert.Single(recorded);
        Assert.Equal(string.Concat(shown).TrimEnd(), partial.Text);
        Assert.Contains("connection reset", partial.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_EndsWithoutAFinishReasonAfterPieces_RecordsAndThrowsIncomplete()
    {
        var model = new ScriptedChatClientFake("It needs a token [1]", " and") { FinishReason = null };
        using var telemetry = QuestionTelemetry.Start();
        var recorded = new List<Answer>();

        await Assert.ThrowsAsync<AnswerIncompleteException>(async () =>
        {
            await foreach (var piece in Stream(model).StreamAsync(Input, new GenerationOutcome(), a => Record(recorded, a), telemetry))
            {
            }
        });

        Assert.Contains("ended without saying it was finished", Assert.Single(recorded).Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_EndsWithoutTextOrFinishReason_IsAFailureBeforeWriting()
    {
        var (pieces, outcome, recorded) = await RunAsync(new ScriptedChatClientFake() { FinishReason = null });

        Assert.Empty(pieces);
        Assert.Null(outcome.Answer);
        Assert.Contains("ended without saying it was finished", outcome.Failure, StringComparison.Ordinal);
        Assert.Empty(recorded);
    }

    [Fact]
    public async Task StreamAsync_ReachesTheLengthLimit_CompletesWithANotice()
    {
        var (_, outcome, _) = await RunAsync(new ScriptedChatClientFake("It needs a token [1] and") { FinishReason = ChatFinishReason.Length });

        Assert.Contains("Rag:Answer:MaxOutputTokens", outcome.Answer!.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_CancelledBeforeThePieces_ThrowsWithoutRecordOrFallback()
    {
        var model = new ScriptedChatClientFake("never") { Failure = new OperationCanceledException() };
        using var telemetry = QuestionTelemetry.Start();
        var recorded = new List<Answer>();
        var outcome = new GenerationOutcome();

        await Assert.ThrowsAsync<OperationCanceledException>(async () =>
        {
            await foreach (var piece in Stream(model).StreamAsync(Input, outcome, a => Record(recorded, a), telemetry))
            {
            }
        });

        Assert.Empty(recorded);
        Assert.Null(outcome.Failure);
    }

    [Fact]
    public async Task StreamAsync_CancelledAfterAPiece_RecordsWhatWasShown()
    {
        using var cancel = new CancellationTokenSource();
        var model = new ScriptedChatClientFake("It needs ", "a token [1].");
        using var telemetry = QuestionTelemetry.Start();
        var recorded = new List<Answer>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var piece in Stream(model).StreamAsync(Input, new GenerationOutcome(), a => Record(recorded, a), telemetry, cancel.Token))
            {
                await cancel.CancelAsync();
            }
        });

        Assert.Equal("It needs", Assert.Single(recorded).Text);
    }

    private static async Task<(List<string> Pieces, GenerationOutcome Outcome, List<Answer> Recorded)> RunAsync(ScriptedChatClientFake model)
    {
        using var telemetry = QuestionTelemetry.Start();
        var outcome = new GenerationOutcome();
        var recorded = new List<Answer>();
        var pieces = new List<string>();
        await foreach (var piece in Stream(model).StreamAsync(Input, outcome, a => Record(recorded, a), telemetry))
        {
            pieces.Add(piece.Text);
        }

        return (pieces, outcome, recorded);
    }

    private static Task Record(List<Answer> recorded, Answer answer)
    {
        recorded.Add(answer);
        return Task.CompletedTask;
    }

    private static GeneratedAnswerStream Stream(IChatClient model) => new(model, new AnswerOptions(), NullLogger.Instance);
}
