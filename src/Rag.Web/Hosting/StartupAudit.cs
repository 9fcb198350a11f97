using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Web.Api;

namespace Rag.Web.Hosting;

/// <summary>
/// On start: records the effective configuration if it changed since the last record (new or rotated keys show up as a
/// change, each key only as a hash prefix), and warns when no API key is configured. An unwritable audit trail stops start-up.
/// </summary>
internal sealed class StartupAudit(ConfigurationAudit configurationAudit, IOptions<ApiOptions> api, ILogger<StartupAudit> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var changed = await configurationAudit.RecordIfChangedAsync(AuditActor.System, cancellationToken);
        if (changed.Count > 0)
        {
            WebLog.ConfigurationRecorded(logger, changed);
        }

        if (api.Value.Keys.Count == 0)
        {
            WebLog.NoApiKeys(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
