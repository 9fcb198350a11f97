using Microsoft.AspNetCore.Authorization;
using Rag.Web.Authentication;

namespace Rag.Web.Workspaces.Audit;

/// <summary>The Audit workspace (<c>/audit</c>, ComplianceOfficer): its services and its download endpoint.</summary>
internal static class AuditWorkspaceServiceCollectionExtensions
{
    /// <summary>Adds the grid's browser, the question stories, the export downloads and the verification runner (singletons over the audit and catalog ports).</summary>
    public static IServiceCollection AddAuditWorkspace(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<AuditLogBrowser>();
        services.AddSingleton<AuditQuestionStories>();
        services.AddSingleton<AuditExportDownloads>();
        services.AddSingleton<AuditVerificationRunner>();
        services.AddHttpContextAccessor(); // the client address the page records (the circuit's connection)
        return services;
    }

    /// <summary>Maps <c>GET /audit/export</c>, authorized for <see cref="RagRoles.ComplianceOfficer"/> only.</summary>
    public static IEndpointRouteBuilder MapAuditWorkspace(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(AuditExportEndpoint.Path, AuditExportEndpoint.HandleAsync)
            .RequireAuthorization(new AuthorizeAttribute { Roles = RagRoles.ComplianceOfficer })
            .WithName("AuditExport");
        return endpoints;
    }
}
