using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Audit;

namespace Rag.Cli.Commands.Audit;

/// <summary>What the audit commands share: who is acting, and recording configuration changes first.</summary>
internal static class AuditCli
{
    /// <summary>The role every command-line actor has.</summary>
    public static IReadOnlyList<string> Roles { get; } = ["cli"];

    /// <summary>The <c>--user</c> option every audit command takes.</summary>
    public static Option<string?> UserOption() =>
        new("--user") { Description = "User you act on behalf of (default: RAG_USER); recorded beside your OS account, which is always the actor." };

    /// <summary>The person at the command line, as the audit trail records them (<see cref="CliUser.Actor"/>).</summary>
    public static AuditActor Actor(CliContext context, string? user) => CliUser.Resolve(context, user).Actor(Roles);

    /// <summary>Records a configuration change (if any) before the command does anything else; an unusable audit trail refuses the command.</summary>
    /// <exception cref="AuditUnavailableException">The audit trail could not be read or written.</exception>
    public static async Task RecordConfigurationAsync(IServiceProvider services, AuditActor actor, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<ConfigurationAudit>().RecordIfChangedAsync(actor, cancellationToken);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or AuditUnavailableException or InvalidOperationException or OptionsValidationException))
        {
            throw new AuditUnavailableException("The command was refused because the audit trail could not record it: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// Says which key signs the audit trail and where the production key and the WORM copy of the checkpoints must live
    /// (<c>rag up</c> prints it, so a trial install does not pass for a production one).
    /// </summary>
    public static async Task PrintTrustAnchorAsync(CliContext context, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(context);
        var keys = services.GetRequiredService<AuditKeyProvider>();
        var options = services.GetRequiredService<IOptions<AuditOptions>>().Value;
        var key = keys.GetSigningKey();
        var checkpoints = services.GetRequiredService<IAuditCheckpointer>().Checkpoints.Path;
        var dataDirectory = Path.GetFullPath(context.Paths.DataDirectory) + Path.DirectorySeparatorChar;
        await context.Output.WriteLineAsync($"Audit trail: signed with key {key.Fingerprint} from {keys.Source}{(options.PinnedFingerprint is null ? " (not pinned)" : " (pinned by Rag:Audit:TrustedKeyFingerprint)")}.");
        if (keys.Source.StartsWith(dataDirectory, StringComparison.Ordinal) || options.PinnedFingerprint is null)
        {
            await context.Output.WriteLineAsync(
                "  Fine for a trial. In production: keep the signing key outside the data directory (Rag:Audit:SigningKeyFile on a mounted secret the database administrators cannot read; `rag audit keygen FILE`), " +
                $"pin its fingerprint with Rag:Audit:TrustedKeyFingerprint in configuration outside the data directory, and copy {checkpoints} to WORM storage (S3 Object Lock, a WORM share) after `rag audit checkpoint`. " +
                "Auditors verify with `rag audit verify --checkpoints WORM-COPY --public-key THEIR-COPY.pub.pem` (docs/audit.md).");
        }
    }

    /// <summary>A date or date-time; without an offset it is UTC (not the machine's zone, which an auditor elsewhere would not share).</summary>
    public static DateTimeOffset ParseTime(string text, string option) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new ArgumentException($"{option}: '{text}' is not a date or time (e.g. 2026-11-01 or 2026-11-01T08:00Z).");
}
