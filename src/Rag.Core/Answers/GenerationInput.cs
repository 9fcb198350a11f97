using Microsoft.Extensions.AI;
using Rag.Core.Retrieval;

namespace Rag.Core.Answers;

/// <summary>What the generator answers from.</summary>
/// <param name="Question">The caller's question, as asked.</param>
/// <param name="Sources">The numbered sources (source n is <c>Sources[n - 1]</c>), already on the audit record.</param>
/// <param name="History">Earlier turns of the conversation, oldest first.</param>
/// <param name="Query">The query that was searched (recorded on the answer).</param>
internal sealed record GenerationInput(string Question, IReadOnlyList<RetrievedChunk> Sources, IReadOnlyList<ChatMessage> History, string Query);
