using Rag.Core.Answers;

namespace Rag.Web.Hosting;

/// <summary>
/// Opens the document index and loads the embedding model on start, so a mismatched index or a missing model stops
/// start-up with its message instead of failing the first question, and the first caller does not wait for the load.
/// </summary>
internal sealed class QuestionPipelineWarmUp(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<QuestionService>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
