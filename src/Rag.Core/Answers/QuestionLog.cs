using Microsoft.Extensions.Logging;

namespace Rag.Core.Answers;

internal static partial class QuestionLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "The answer generator {Model} failed before writing anything; answering with quoted passages instead.")]
    public static partial void GeneratorFailed(ILogger logger, string model, Exception exception);
}
