using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Rag.Audit.Export;
using Rag.Audit.Verification;
using Rag.Core.Audit;

namespace Rag.Audit;

/// <summary>Registers the audit trail: the signed SQLite hash chain and the ports hosts use to write, purge, checkpoint, verify and export it.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Adds validated <see cref="AuditOptions"/> (section <c>Rag:Audit</c>; registered here and nowhere else), the
    /// <see cref="AuditKeyProvider"/>, one <see cref="SqliteAuditLog"/> in the data directory of <c>Rag:Storage</c> behind
    /// <see cref="IAuditLog"/>, <see cref="IAuditSearch"/>, <see cref="IAuditPurge"/>, <see cref="IAuditCheckpointer"/>, <see cref="IAuditVerificationSource"/>
    /// and <see cref="IAuditTargetIndexCheck"/>, the <see cref="AuditTrailVerifier"/> over them and the <see cref="AuditExporter"/>; all singletons.
    /// </summary>
    public static IServiceCollection AddRagAudit(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AuditOptions>()
            .Bind(configuration.GetSection(AuditOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditKeyProvider>();
        services.AddSingleton<SqliteAuditLog>();
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqliteAuditLog>());
        services.AddSingleton<IAuditSearch>(sp => sp.GetRequiredService<SqliteAuditLog>());
        services.AddSingleton<IAuditPurge>(sp => sp.GetRequiredService<SqliteAuditLog>());
        services.AddSingleton<IAuditCheckpointer>(sp => sp.GetRequiredService<SqliteAuditLog>());
        services.AddSingleton<IAuditVerificationSource>(sp => sp.GetRequiredService<SqliteAuditLog>());
        services.AddSingleton<IAuditTargetIndexCheck>(sp => sp.GetRequiredService<SqliteAuditLog>());
        services.AddSingleton<AuditTrailVerifier>();
        services.AddSingleton<AuditExporter>();
        return services;
    }
}
