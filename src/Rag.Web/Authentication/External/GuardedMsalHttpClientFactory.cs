using Microsoft.Identity.Client;

namespace Rag.Web.Authentication.External;

/// <summary>MSAL's HTTP client (token endpoint, instance discovery) from IHttpClientFactory, so through the egress guard.</summary>
internal sealed class GuardedMsalHttpClientFactory(IHttpClientFactory clients) : IMsalHttpClientFactory
{
    public HttpClient GetHttpClient() => clients.CreateClient(ExternalSignInDefaults.GraphClient);
}
