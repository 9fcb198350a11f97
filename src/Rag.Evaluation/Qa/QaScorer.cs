namespace Rag.Evaluation.Qa;

/// <summary>Scores one question's observation against its expectations (pure arithmetic, no I/O).</summary>
public static class QaScorer
{
    /// <summary>Scores <paramref name="observation"/> for <paramref name="qaCase"/> with cut-off <paramref name="k"/>.</summary>
    public static QaCaseResult Score(QaCase qaCase, QaObservation observation, int k)
    {
        ArgumentNullException.ThrowIfNull(qaCase);
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);

        var judgesDocuments = qaCase.ExpectedDocuments.Count > 0;
        bool? IsExpected(QaDocument d) => judgesDocuments ? qaCase.ExpectedDocuments.Any(d.Matches) : null;

        var ranked = observation.RankedDocuments;
        int? firstRank = null;
        if (judgesDocuments)
        {
            for (var i = 0; i < ranked.Count; i++)
            {
                if (IsExpected(ranked[i]) == true)
                {
                    firstRank = i + 1;
                    break;
                }
            }
        }

        var top = ranked.Take(k)
            .Select((d, i) => new QaRetrievedDocument(i + 1, d.DocumentId, d.Title, d.SourcePath, d.SetName, IsExpected(d)))
            .ToList();

        var answer = observation.Answer;
        var citations = answer.Citations
            .Select(c =>
            {
                var document = observation.Documents.TryGetValue(c.DocumentId, out var known) ? known : new QaDocument(c.DocumentId, string.Empty, c.Title, string.Empty);
                return new QaCitationResult(c.Number, c.DocumentId, document.Title, document.SourcePath, c.Page, IsExpected(document));
            })
            .ToList();

        var abstained = !answer.FoundRelevant;
        var missing = qaCase.ExpectedAnswerContains.Count > 0 ? AnswerText.Missing(answer.Text, qaCase.ExpectedAnswerContains) : [];
        var firstSentence = qaCase.ExpectedAnswerContains.Count > 0 && !abstained ? AnswerText.Missing(AnswerText.FirstSentence(answer.Text), qaCase.ExpectedAnswerContains).Count == 0 : (bool?)null;
        return new QaCaseResult(
            qaCase.Line,
            qaCase.Id,
            qaCase.Question,
            qaCase.ExpectedDocuments,
            qaCase.ExpectedAnswerContains,
            qaCase.ExpectNoAnswer,
            top,
            firstRank,
            judgesDocuments ? firstRank <= k : null,
            judgesDocuments ? (firstRank <= k ? 1.0 / firstRank.Value : 0.0) : null,
            answer.Text,
            abstained,
            citations,
            judgesDocuments ? citations.Count(c => c.Expected == true) : null,
            qaCase.ExpectedAnswerContains.Count > 0 ? missing.Count == 0 : null,
            missing,
            qaCase.ExpectNoAnswer ? abstained : null,
            observation.Milliseconds)
        {
            FirstSentenceContainsAll = firstSentence,
            Relevance = observation.Relevance,
            Conversation = qaCase.Conversation,
            TopicChange = qaCase.TopicChange,
            SameAsFresh = qaCase.TopicChange ? observation.SameAsFresh : null,
        };
    }
}
