using Microsoft.Extensions.AI;

namespace Rag.Web.OpenAi;

/// <summary>What the app takes from an OpenAI chat-completion request.</summary>
/// <param name="Question">The last user message.</param>
/// <param name="History">Earlier user and assistant messages, oldest first.</param>
/// <param name="Stream">Answer as server-sent events.</param>
/// <param name="IgnoredMessages">System, developer and tool messages left out (they never reach the grounding prompt).</param>
internal sealed record ChatCompletionRequest(string Question, IReadOnlyList<ChatMessage> History, bool Stream, int IgnoredMessages);
