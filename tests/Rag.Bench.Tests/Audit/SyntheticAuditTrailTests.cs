using System.Text.Json;
using Rag.Bench.Audit;
using Rag.Core.Audit;

namespace Rag.Bench.Tests.Audit;

public sealed class SyntheticAuditTrailTests
{
    [Fact]
    public void Next_SameSeed_SameEvents()
    {
        var (a, b) = (new SyntheticAuditTrail(7, users: 20, documents: 100), new SyntheticAuditTrail(7, users: 20, documents: 100));

        var (left, right) = (new List<AuditEvent>(), new List<AuditEvent>());
        a.NextBatch(left, 300);
        b.NextBatch(right, 300);

        Assert.Equal(a.UserIds, b.UserIds);
        Assert.Equal(a.DocumentIds, b.DocumentIds);
        Assert.Equal(left.Select(Describe), right.Select(Describe));
    }

    [Fact]
    public void NextBatch_ManyEvents_QuestionsDominateAndEveryShapeAppears()
    {
        var trail = new SyntheticAuditTrail(1, users: 50, documents: 400);
        var events = new List<AuditEvent>();

        trail.NextBatch(events, 20_000);

        Assert.Equal(20_000, events.Count);
        var byAction = events.GroupBy(e => e.Action).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(byAction.Keys, action => Assert.Contains(action, SyntheticAuditTrail.Actions));
        Assert.All(events, e => Assert.Contains(e.Outcome, SyntheticAuditTrail.Outcomes));
        var questions = byAction[AuditActions.QuestionAsked] + byAction[AuditActions.ChunksRetrieved] + byAction[AuditActions.AnswerGiven];
        Assert.InRange(questions / 20_000d, 0.88, 0.96); // 80 % of activities are questions, and each writes three records
        foreach (var action in new[] { AuditActions.SignIn, AuditActions.DocumentIndexed, AuditActions.AuditRead, AuditActions.EgressBlocked, AuditActions.DocumentSetChanged })
        {
            Assert.True(byAction.GetValueOrDefault(action) > 0, action + " never appeared");
        }

        Assert.InRange(events.Select(e => e.Actor.Id).Distinct().Count(), 40, 51); // 50 users + system
    }

    [Fact]
    public void Next_Question_ThreeRecordsShareACorrelationIdAndTargetsAsQuestionServiceWritesThem()
    {
        var trail = new SyntheticAuditTrail(3);
        var events = new List<AuditEvent>();
        trail.NextBatch(events, 3_000);

        var triples = events.Where(e => e.CorrelationId is not null).GroupBy(e => e.CorrelationId!).Where(g => g.Count() == 3).ToList();

        Assert.NotEmpty(triples);
        foreach (var triple in triples.Take(100))
        {
            var (question, retrieval, answer) = (triple.ElementAt(0), triple.ElementAt(1), triple.ElementAt(2));
            Assert.Equal([AuditActions.QuestionAsked, AuditActions.ChunksRetrieved, AuditActions.AnswerGiven], triple.Select(e => e.Action));
            Assert.Single(triple.Select(e => e.Actor.Id).Distinct());
            Assert.Empty(question.Targets);
            using var detail = JsonDocument.Parse(retrieval.Detail!);
            var chunks = detail.RootElement.GetProperty("chunks").EnumerateArray().ToList();
            Assert.Equal(SyntheticAuditTrail.ChunksPerRetrieval, chunks.Count);
            var documents = chunks.Select(c => c.GetProperty("documentId").GetString()!).Distinct().ToList();
            Assert.Equal([.. documents, .. chunks.Select(c => c.GetProperty("chunkId").GetString()!)], retrieval.Targets);
            Assert.All(documents, d => Assert.Contains(d, trail.DocumentIds));
            Assert.All(answer.Targets, t => Assert.Contains(t, retrieval.Targets));
            Assert.Equal(answer.Targets.Count == 0 ? AuditOutcomes.NothingFound : AuditOutcomes.Answered, answer.Outcome);
        }
    }

    private static string Describe(AuditEvent e) =>
        string.Join("|", e.Action, e.Actor.Id, string.Join(",", e.Targets), e.Outcome, e.Detail, e.CorrelationId, e.ClientAddress, e.ModelId);
}
