using System.Globalization;
using System.Text.Json;
using Rag.Core.Access;
using Rag.Core.Audit;
using Rag.Core.Retrieval;

namespace Rag.Core.Answers;

/// <summary>
/// Answers a caller's question: retrieve within the caller's access scope, answer, record the audit event,
/// and only then return. If the audit record cannot be written the question is refused.
/// </summary>
public sealed class QuestionService
{
    private readonly HybridRetriever _retriever;
    private readonly ExtractiveAnswerer _answerer;
    private readonly IAuditLog _audit;

    /// <summary>Creates the service.</summary>
    public QuestionService(HybridRetriever retriever, ExtractiveAnswerer answerer, IAuditLog audit)
    {
        _retriever = retriever;
        _answerer = answerer;
        _audit = audit;
    }

    /// <summary>Answers <paramref name="question"/> for <paramref name="scope"/>.</summary>
    /// <exception cref="AuditUnavailableException">The audit trail could not record the question; no answer is given.</exception>
    public async Task<Answer> AskAsync(string question, AccessScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(scope);
        var retrieved = await _retriever.RetrieveAsync(question, scope, cancellationToken: cancellationToken);
        var answer = await _answerer.AnswerAsync(question, retrieved, cancellationToken);

        var detail = JsonSerializer.Serialize(new
        {
            question,
            retrieved = retrieved.Select(r => new { chunkId = r.Chunk.Id, documentId = r.Chunk.DocumentId, score = r.Score }),
            answer = answer.Text,
        });
        var auditEvent = new AuditEvent(
            AuditActions.QuestionAsked,
            scope.UserId,
            [.. scope.Groups],
            [.. retrieved.Select(r => r.Chunk.Id.ToString("D", CultureInfo.InvariantCulture))],
            answer.FoundRelevant ? "answered" : "nothing-found",
            detail);
        try
        {
            await _audit.AppendAsync(auditEvent, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new AuditUnavailableException("The question was refused because the audit trail could not record it: " + ex.Message, ex);
        }

        return answer;
    }
}
