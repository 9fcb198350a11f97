using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Web.Api;
using Rag.Web.Hosting;

namespace Rag.Web.Authentication;

/// <summary>
/// Records the summaries of refused sign-ins that were counted but not recorded one by one: after each window ends
/// (when no later refusal has already done so) and, for the window in progress, when the app stops.
/// </summary>
internal sealed class DeniedSignInSummaryWriter(DeniedSignInLimiter limiter, IAuditLog audit, IOptions<ApiOptions> options, TimeProvider time, ILogger<DeniedSignInSummaryWriter> logger)
    : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await WriteAsync(limiter.TakeSummaries(all: true), cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.Value.DeniedSignInWindow, time, stoppingToken);
                await WriteAsync(limiter.TakeSummaries(all: false), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    private async Task WriteAsync(IReadOnlyList<AuditEvent> summaries, CancellationToken cancellationToken)
    {
        if (summaries.Count == 0)
        {
            return;
        }

        try
        {
            await audit.AppendAsync(summaries, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            WebLog.DeniedSignInSummaryNotRecorded(logger, summaries.Count, ex);
        }
    }
}
