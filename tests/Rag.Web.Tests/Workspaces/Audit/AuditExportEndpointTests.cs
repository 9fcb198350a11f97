using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rag.Audit;
using Rag.Audit.Export;
using Rag.Core.Audit;
using Rag.Storage;
using Rag.Testing;
using Rag.Web.Authentication;
using Rag.Web.Workspaces.Audit;

namespace Rag.Web.Tests.Workspaces.Audit;

/// <summary>
/// GET /audit/export on real Kestrel (loopback, free port) as the workspace maps it, over a real audit log; sign-in is
/// <see cref="HeaderRolesAuthenticationFake"/>.
/// </summary>
public sealed class AuditExportEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Rag:Storage:DataDirectory"] = _temp.Combine("data") });
        builder.Services.AddRagStorage(builder.Configuration).AddRagAudit(builder.Configuration).AddAuditWorkspace(builder.Configuration);
        builder.Services.AddAuthentication(HeaderRolesAuthenticationFake.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, HeaderRolesAuthenticationFake>(HeaderRolesAuthenticationFake.SchemeName, null);
        builder.Services.AddAuthorization();
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapAuditWorkspace();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
        var log = _app.Services.GetRequiredService<IAuditLog>();
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(new AuditEvent(AuditActions.QuestionAsked, AuditActor.FromId("alice"), [], AuditOutcomes.Ok) { Detail = "{\"question\":\"q" + i + "\"}" });
        }
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Get_ComplianceOfficer_ZipDownloadThatVerifies()
    {
        using var response = await _http.SendAsync(Request("/audit/export?format=csv&user=alice&from=2000-01-01", "carla", RagRoles.Employee + "," + RagRoles.ComplianceOfficer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith("-csv.zip", response.Content.Headers.ContentDisposition.FileNameStar, StringComparison.Ordinal);
        await using var zip = await response.Content.ReadAsStreamAsync();
        var (data, manifest) = await ExportZip.ExtractAsync(zip, _temp.Combine("unzipped"));
        using var key = _app.Services.GetRequiredService<AuditKeyProvider>().GetVerificationKey();
        var verification = await AuditExportVerifier.VerifyAsync(data, manifest, key);
        Assert.True(verification.Intact, string.Join("; ", verification.Problems.Select(p => p.Message)));
        Assert.Equal(5, verification.Rows);
    }

    [Theory]
    [InlineData(RagRoles.Employee)]
    [InlineData(RagRoles.Admin)]
    [InlineData(RagRoles.Admin + "," + RagRoles.Employee)]
    public async Task Get_OtherRoles_ForbiddenAndNothingExported(string roles)
    {
        using var response = await _http.SendAsync(Request("/audit/export?format=csv", "mallory", roles));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await ExportedAsync());
    }

    [Fact]
    public async Task Get_NotSignedIn_Unauthorized()
    {
        using var response = await _http.SendAsync(Request("/audit/export?format=csv", null, null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await ExportedAsync());
    }

    [Fact]
    public void MapAuditWorkspace_ExportRoute_RequiresTheComplianceOfficerRole()
    {
        var endpoint = ((IEndpointRouteBuilder)_app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == AuditExportEndpoint.Path);

        var roles = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Roles).ToList();

        Assert.Equal([RagRoles.ComplianceOfficer], roles);
    }

    [Theory]
    [InlineData("/audit/export?format=xml", "format must be csv or json")]
    [InlineData("/audit/export?format=csv&from=yesterday", "'from' is not a date and time")]
    [InlineData("/audit/export?format=csv&from=2026-02-01&to=2026-01-01", "time range is empty")]
    [InlineData("/audit/export?format=csv&outcome=denied", "cannot filter by 'outcome'")]
    [InlineData("/audit/export?format=csv&document=doc-1", "cannot filter by 'document'")]
    [InlineData("/audit/export?format=csv&limit=5", "Unknown parameter 'limit'")]
    public async Task Get_BadQuery_BadRequestWithAClearMessageAndNothingExported(string path, string message)
    {
        using var response = await _http.SendAsync(Request(path, "carla", RagRoles.ComplianceOfficer));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await ExportedAsync());
    }

    private static HttpRequestMessage Request(string path, string? user, string? roles)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (user is not null)
        {
            request.Headers.Add("X-Test-User", user);
            request.Headers.Add("X-Test-Roles", roles ?? string.Empty);
        }

        return request;
    }

    private async Task<bool> ExportedAsync()
    {
        var page = await _app.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Action = AuditActions.AuditExported, PageSize = 1 });
        return page.Records.Count > 0;
    }
}
