using System.Text.Json;
using System.Text.Json.Serialization;
using Rag.Core.Answers;

namespace Rag.Cli.Output;

/// <summary>The <c>--json</c> form of an answer.</summary>
internal static class AnswerJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize(Answer answer) => JsonSerializer.Serialize(
        new
        {
            answer = answer.Text,
            foundRelevant = answer.FoundRelevant,
            grounded = answer.Grounded,
            model = answer.ModelId,
            removedCitations = answer.RemovedCitations,
            searchQuery = answer.SearchQuery,
            notice = answer.Notice,
            citations = answer.Citations.Select(c => new
            {
                n = c.Number,
                documentId = c.DocumentId,
                title = c.Title,
                fileName = c.FileName,
                path = c.SourcePath,
                page = c.PageNumber,
                lastPage = c.LastPageNumber,
                chunkId = c.ChunkId,
                score = Math.Round(c.Score, 4),
                snippet = c.Snippet,
                section = c.HeadingPath,
            }),
        },
        Options);
}
