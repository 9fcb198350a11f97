using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Audit;
using Rag.Audit.Export;

namespace Rag.Cli.Commands.Audit;

/// <summary><c>rag audit verify-export OUT [--manifest FILE] [--public-key FILE] [--json]</c>: exit 0 intact, 5 with the rows that are not as signed.</summary>
internal static class AuditVerifyExportCommand
{
    public static Command Create(CliContext context)
    {
        var export = new Argument<string>("out") { Description = "The export file." };
        var manifest = new Option<string?>("--manifest") { Description = "Its signed manifest (default: OUT.manifest.json)." };
        var publicKey = new Option<string?>("--public-key") { Description = "PEM public key of the deployment that signed the export (default: the configured signing key)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var user = AuditCli.UserOption();
        var command = new Command(
            "verify-export",
            "Check an export against its signed manifest, offline: exit code 5 names the rows that were changed, added, removed or reordered. "
            + "Where this machine's data directory holds an audit log, the check is recorded in it (audit.verified) before the result is shown. "
            + "An auditor verifying on another machine has no log to record into: the check still runs, from --public-key alone, and says it was not recorded.")
        {
            export, manifest, publicKey, json, user,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var exportPath = Path.GetFullPath(parse.GetValue(export)!);
            var manifestPath = Path.GetFullPath(parse.GetValue(manifest) ?? AuditExporter.ManifestPathFor(exportPath));
            var logPath = AuditStoreFiles.LogPath(context.Paths.DataDirectory);
            AuditExportVerification result;
            string keyId;
            var recorded = File.Exists(logPath);
            if (!recorded)
            {
                // Offline: no database, no configuration to validate, nothing generated; the auditor brings the public key.
                using var key = LoadPublicKey(parse.GetValue(publicKey) ?? throw new InvalidOperationException(
                    $"There is no audit log here ('{logPath}') to take the key from: pass --public-key FILE, the public key of the deployment that made the export."));
                keyId = key.KeyId;
                result = await AuditExportVerifier.VerifyAsync(exportPath, manifestPath, key, cancellationToken);
            }
            else
            {
                await using var services = RagServices.Build(context.Paths, context.ConfigurationOverrides);
                using var key = services.GetRequiredService<AuditKeyProvider>().GetVerificationKey(parse.GetValue(publicKey));
                keyId = key.KeyId;
                result = await AuditExportVerifier.VerifyAsync(exportPath, manifestPath, key, cancellationToken);
                var actor = AuditCli.Actor(context, parse.GetValue(user));
                await AuditCli.RecordConfigurationAsync(services, actor, cancellationToken);
                await RecordAsync(services.GetRequiredService<IAuditLog>(), actor, exportPath, manifestPath, result, cancellationToken);
            }

            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    intact = result.Intact,
                    export = exportPath,
                    manifest = manifestPath,
                    rows = result.Rows,
                    keyId,
                    recorded,
                    exportedBy = result.Manifest?.ExportedBy,
                    createdUtc = result.Manifest?.CreatedUtc,
                    firstSequence = result.Manifest?.FirstSequence,
                    lastSequence = result.Manifest?.LastSequence,
                    problems = result.Problems.Select(p => new { row = p.Row, sequence = p.Sequence, message = p.Message }),
                }));
            }
            else
            {
                await PrintAsync(context.Output, result, exportPath, keyId, recorded ? null : logPath);
            }

            return result.Intact ? RagCommandLine.ExitOk : RagCommandLine.ExitAuditDamaged;
        });
        return command;
    }

    private static AuditKey LoadPublicKey(string file)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The public key file '{path}' does not exist.", path);
        }

        try
        {
            return AuditKey.FromPem(File.ReadAllText(path));
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"'{path}' is not a usable audit key: {ex.Message}", ex);
        }
    }

    private static async Task RecordAsync(IAuditLog log, AuditActor actor, string exportPath, string manifestPath, AuditExportVerification result, CancellationToken cancellationToken)
    {
        var auditEvent = new AuditEvent(AuditActions.AuditVerified, actor, [], result.Intact ? AuditOutcomes.Ok : AuditOutcomes.Damaged)
        {
            Detail = JsonSerializer.Serialize(new
            {
                export = exportPath,
                manifest = manifestPath,
                fileSha256 = result.Manifest?.FileSha256,
                rows = result.Rows,
                intact = result.Intact,
                problems = result.Problems.Take(10).Select(p => p.Message),
            }),
            ClientAddress = AuditContext.LocalClient,
        };
        try
        {
            await log.AppendAsync(auditEvent, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new AuditUnavailableException("The result was withheld because the audit trail could not record the verification: " + ex.Message, ex);
        }
    }

    private static async Task PrintAsync(TextWriter output, AuditExportVerification result, string exportPath, string keyId, string? unrecordedLog)
    {
        // Plain lines, never wrapped: paths and row names are copied from here.
        var m = result.Manifest;
        if (result.Intact)
        {
            var range = m?.FirstSequence is { } first ? $"records {first}..{m.LastSequence}" : "no records";
            await output.WriteLineAsync($"OK: {exportPath} is exactly as signed: {result.Rows:N0} row(s), {range}, exported by {m?.ExportedBy} at {m?.CreatedUtc} (key {keyId}).");
        }
        else
        {
            await output.WriteLineAsync($"DAMAGED: {exportPath} is not the export that was signed (key {keyId}):");
            foreach (var problem in result.Problems)
            {
                await output.WriteLineAsync("  " + problem.Message);
            }
        }

        if (unrecordedLog is not null)
        {
            await output.WriteLineAsync($"Not recorded: there is no audit log at {unrecordedLog} (an offline check).");
        }
    }
}
