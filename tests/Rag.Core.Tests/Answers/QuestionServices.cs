using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Rag.Core.Answers;
using Rag.Core.Audit;
using Rag.Core.Conversations;
using Rag.Core.Grounding;
using Rag.Core.Retrieval;
using Rag.Core.Storage;

namespace Rag.Core.Tests.Answers;

/// <summary>Builds a <see cref="QuestionService"/> from its real pieces over the given index, embedder and audit log.</summary>
internal static class QuestionServices
{
    public static QuestionService Create(
        IDocumentIndex index,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        IAuditLog audit,
        AuditOptions? auditOptions = null,
        IChatClient? model = null,
        IConversationStore? conversations = null,
        IRelevanceGate? relevance = null)
    {
        var answerOptions = Options.Create(new AnswerOptions());
        return new QuestionService(
            new HybridRetriever(index, embedder, Options.Create(new RetrievalOptions())),
            new ExtractiveAnswerer(embedder, answerOptions),
            relevance ?? new RelevanceGate(Options.Create(new RelevanceOptions())),
            new QueryRewriter(model),
            new ConversationTurns(index, answerOptions, conversations),
            audit,
            Options.Create(auditOptions ?? new AuditOptions()),
            answerOptions,
            embedder,
            model);
    }
}
