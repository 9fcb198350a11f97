using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Audit;

namespace Rag.Web.E2E.Fixtures;

/// <summary>Reads the app's audit trail (the real one, in the fixture's data directory).</summary>
public static class AuditTrail
{
    public static async Task<IReadOnlyList<AuditEvent>> EventsAsync(WebAppFixture app, string action)
    {
        ArgumentNullException.ThrowIfNull(app);
        var audit = app.Services.GetRequiredService<IAuditLog>();
        var events = new List<AuditEvent>();
        await foreach (var record in audit.ReadAsync())
        {
            if (record.Event.Action == action)
            {
                events.Add(record.Event);
            }
        }

        return events;
    }
}
