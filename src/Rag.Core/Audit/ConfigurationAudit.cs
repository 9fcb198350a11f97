using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Rag.Core.Audit;

/// <summary>
/// Records <see cref="AuditActions.ConfigurationChanged"/> (and <see cref="AuditActions.ModelChanged"/> when a model
/// setting is among the changes) whenever the effective <c>Rag:*</c> configuration differs from the last one on record.
/// Secret-looking values (keys containing Key, Secret, Password, Token or ConnectionString) are recorded only as a
/// SHA-256 prefix, so a rotated secret shows as a change without the log holding it.
/// </summary>
public sealed class ConfigurationAudit
{
    private static readonly string[] SecretMarkers = ["key", "secret", "password", "token", "connectionstring"];

    private readonly IConfiguration _configuration;
    private readonly IAuditLog _audit;

    /// <summary>Creates the recorder.</summary>
    public ConfigurationAudit(IConfiguration configuration, IAuditLog audit)
    {
        _configuration = configuration;
        _audit = audit;
    }

    /// <summary>Appends the change records if the configuration changed since the last record; returns the keys that changed (empty when none).</summary>
    public async Task<IReadOnlyList<string>> RecordIfChangedAsync(AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var current = Snapshot(_configuration);
        var last = await _audit.QueryAsync(new AuditQuery { Action = AuditActions.ConfigurationChanged, PageSize = 1 }, cancellationToken);
        var previous = last.Records.Count == 0 ? new SortedDictionary<string, string>(StringComparer.Ordinal) : ReadSettings(last.Records[0].Event.Detail);
        var changed = current.Keys.Union(previous.Keys, StringComparer.Ordinal)
            .Where(k => !previous.TryGetValue(k, out var before) || !current.TryGetValue(k, out var now) || !string.Equals(before, now, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (changed.Count == 0)
        {
            return [];
        }

        var events = new List<AuditEvent>
        {
            new(AuditActions.ConfigurationChanged, actor, changed, AuditOutcomes.Ok)
            {
                Detail = JsonSerializer.Serialize(new { settings = current, changed }),
                ClientAddress = AuditContext.LocalClient,
            },
        };
        var models = changed.Where(k => k.Contains(":Model", StringComparison.OrdinalIgnoreCase) && !k.EndsWith("Directory", StringComparison.OrdinalIgnoreCase)).ToList();
        if (models.Count > 0)
        {
            events.Add(new AuditEvent(AuditActions.ModelChanged, actor, models, AuditOutcomes.Ok)
            {
                Detail = JsonSerializer.Serialize(models.ToDictionary(k => k, k => new { from = previous.GetValueOrDefault(k), to = current.GetValueOrDefault(k) })),
                ClientAddress = AuditContext.LocalClient,
                ModelId = models.Select(k => current.GetValueOrDefault(k)).FirstOrDefault(v => v is not null),
            });
        }

        await _audit.AppendAsync(events, cancellationToken);
        return changed;
    }

    /// <summary>The <c>Rag:*</c> settings as recorded: sorted, secrets reduced to a SHA-256 prefix.</summary>
    public static SortedDictionary<string, string> Snapshot(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in configuration.GetSection("Rag").AsEnumerable())
        {
            if (value is null)
            {
                continue;
            }

            var isSecret = SecretMarkers.Any(m => key.Replace("_", string.Empty, StringComparison.Ordinal).Contains(m, StringComparison.OrdinalIgnoreCase))
                && !key.EndsWith("File", StringComparison.OrdinalIgnoreCase)
                && !key.EndsWith("Weight", StringComparison.OrdinalIgnoreCase);
            settings[key] = isSecret ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..12] : value;
        }

        return settings;
    }

    private static SortedDictionary<string, string> ReadSettings(string? detail)
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (detail is null)
        {
            return settings;
        }

        try
        {
            using var document = JsonDocument.Parse(detail);
            if (document.RootElement.TryGetProperty("settings", out var stored))
            {
                foreach (var property in stored.EnumerateObject())
                {
                    settings[property.Name] = property.Value.GetString() ?? string.Empty;
                }
            }
        }
        catch (JsonException)
        {
            // An unreadable previous record: everything counts as changed.
        }

        return settings;
    }
}
