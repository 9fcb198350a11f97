using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace Rag.Web.Authentication.External;

/// <summary>
/// Reads a user's group ids from Microsoft Graph when the token could not carry them (group overage): an app-only
/// token (client credentials, MSAL) and <c>transitiveMemberOf</c>, every request through the <c>graph</c> client of
/// IHttpClientFactory, so through the egress guard (the Graph host must be allow-listed).
/// </summary>
internal sealed class GraphMembershipReader(IHttpClientFactory clients, IOptions<EntraIdSignInOptions> options)
{
    private const int MaxPages = 50;

    public async Task<IReadOnlyList<string>> ReadGroupIdsAsync(string objectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(objectId);
        var settings = options.Value;
        var token = await AppTokenAsync(settings, cancellationToken);
        using var client = clients.CreateClient(ExternalSignInDefaults.GraphClient);
        var groups = new List<string>();
        Uri? next = new(settings.GraphBaseAddress, $"v1.0/users/{Uri.EscapeDataString(objectId)}/transitiveMemberOf/microsoft.graph.group?$select=id&$top=999");
        for (var page = 0; next is not null && page < MaxPages; page++)
        {
            if (!string.Equals(next.Host, settings.GraphBaseAddress.Host, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("Microsoft Graph's next page points to another host.");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            groups.AddRange(document.RootElement.GetProperty("value").EnumerateArray()
                .Select(g => g.GetProperty("id").GetString())
                .OfType<string>());
            next = document.RootElement.TryGetProperty("@odata.nextLink", out var link) && link.GetString() is { } address ? new Uri(address) : null;
        }

        return groups;
    }

    private async Task<string> AppTokenAsync(EntraIdSignInOptions settings, CancellationToken cancellationToken)
    {
        var builder = ConfidentialClientApplicationBuilder.Create(settings.ClientId)
            .WithAuthority(new Uri(settings.Instance, settings.TenantId.Trim()).ToString())
            .WithHttpClientFactory(new GuardedMsalHttpClientFactory(clients));
        builder = settings.ClientCertificatePath is { Length: > 0 } path
            ? builder.WithCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, settings.ClientCertificatePassword))
            : builder.WithClientSecret(settings.ClientSecret);
        var result = await builder.Build()
            .AcquireTokenForClient([new Uri(settings.GraphBaseAddress, ".default").ToString()])
            .ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }
}
