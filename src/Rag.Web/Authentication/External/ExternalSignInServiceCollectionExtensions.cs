using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Rag.Egress;

namespace Rag.Web.Authentication.External;

/// <summary>
/// Registers production sign-in: generic OpenID Connect (<c>Rag:Web:Authentication:Oidc</c>) and Microsoft Entra ID
/// through Microsoft.Identity.Web (<c>Rag:Web:Authentication:EntraId</c>), each only when enabled. Every back-channel
/// (discovery, keys, token endpoint, Microsoft Graph) goes through the egress guard.
/// </summary>
internal static class ExternalSignInServiceCollectionExtensions
{
    /// <summary>The cookie an external sign-in ends in: the same one local accounts use (registered by AddRagSignIn).</summary>
    public static string CookieScheme => IdentityConstants.ApplicationScheme;

    public static IServiceCollection AddExternalSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddRagEgress(configuration);
        services.AddOptions<OidcSignInOptions>().Bind(configuration.GetSection(OidcSignInOptions.SectionName)).ValidateOnStart();
        services.AddOptions<EntraIdSignInOptions>().Bind(configuration.GetSection(EntraIdSignInOptions.SectionName)).ValidateOnStart();
        services.TryAddSingleton<ExternalSignInOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OidcSignInOptions>, ExternalSignInOptionsValidator>(sp => sp.GetRequiredService<ExternalSignInOptionsValidator>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EntraIdSignInOptions>, ExternalSignInOptionsValidator>(sp => sp.GetRequiredService<ExternalSignInOptionsValidator>()));
        services.TryAddSingleton<ExternalSignInFlow>();
        services.TryAddSingleton<GraphMembershipReader>();

        services.PostConfigure<CookieAuthenticationOptions>(CookieScheme, ExternalCookieValidation.SkipLocalAccountChecks);
        var authentication = services.AddAuthentication();
        var oidcEnabled = configuration.GetValue<bool>(OidcSignInOptions.SectionName + ":Enabled");
        var entraEnabled = configuration.GetValue<bool>(EntraIdSignInOptions.SectionName + ":Enabled");
        if (oidcEnabled)
        {
            authentication.AddOpenIdConnect(ExternalSignInDefaults.OidcScheme, configuration[OidcSignInOptions.SectionName + ":DisplayName"] ?? "Single sign-on", _ => { });
            services.AddOptions<OpenIdConnectOptions>(ExternalSignInDefaults.OidcScheme)
                .Configure<IEgressHandlerFactory, IOptions<OidcSignInOptions>, ExternalSignInFlow>((o, egress, rag, flow) => ConfigureOidc(o, egress, rag.Value, flow));
        }

        if (entraEnabled)
        {
            var entra = configuration.GetSection(EntraIdSignInOptions.SectionName).Get<EntraIdSignInOptions>() ?? new EntraIdSignInOptions();
            authentication.AddMicrosoftIdentityWebApp(
                identity => ConfigureEntraId(identity, entra),
                configureCookieAuthenticationOptions: null,
                openIdConnectScheme: ExternalSignInDefaults.EntraIdScheme,
                cookieScheme: null,
                displayName: entra.DisplayName ?? "Microsoft Entra ID");
            services.AddOptions<OpenIdConnectOptions>(ExternalSignInDefaults.EntraIdScheme)
                .Configure<IEgressHandlerFactory, IOptions<EntraIdSignInOptions>, ExternalSignInFlow>((o, egress, rag, flow) => ConfigureEntraIdScheme(o, egress, rag.Value, flow));
        }

        return services;
    }

    private static void ConfigureOidc(OpenIdConnectOptions o, IEgressHandlerFactory egress, OidcSignInOptions rag, ExternalSignInFlow flow)
    {
        o.BackchannelHttpHandler = egress.Create(ExternalSignInDefaults.OidcBackchannel);
        o.Authority = rag.Authority?.ToString();
        o.RequireHttpsMetadata = rag.Authority is not { IsLoopback: true };
        o.ClientId = rag.ClientId;
        o.ClientSecret = rag.ClientSecret;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.CallbackPath = "/signin-oidc";
        o.SignedOutCallbackPath = "/signout-callback-oidc";
        o.Scope.Clear();
        o.Scope.Add("openid");
        o.Scope.Add("profile");
        foreach (var scope in rag.Scopes.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            o.Scope.Add(scope.Trim());
        }

        o.TokenValidationParameters.NameClaimType = rag.NameClaim;
        o.TokenValidationParameters.RoleClaimType = rag.RoleClaim;
        o.Events.OnTokenValidated = context => flow.TokenValidatedAsync(context, rag, rag.NameClaim, mayReadMemberships: false);
        ConfigureCommon(o, flow);
    }

    private static void ConfigureEntraId(MicrosoftIdentityOptions identity, EntraIdSignInOptions entra)
    {
        identity.Instance = entra.Instance.ToString();
        identity.TenantId = entra.TenantId;
        identity.ClientId = entra.ClientId;
        if (entra.ClientCertificatePath is { Length: > 0 } path)
        {
            identity.ClientCredentials = [CertificateDescription.FromPath(path, entra.ClientCertificatePassword)];
        }
        else
        {
            identity.ClientSecret = entra.ClientSecret;
        }
    }

    private static void ConfigureEntraIdScheme(OpenIdConnectOptions o, IEgressHandlerFactory egress, EntraIdSignInOptions rag, ExternalSignInFlow flow)
    {
        o.BackchannelHttpHandler = egress.Create(ExternalSignInDefaults.EntraIdBackchannel);
        // Its own callback paths, so both providers may be enabled at once.
        o.CallbackPath = "/signin-entra";
        o.SignedOutCallbackPath = "/signout-callback-entra";
        if (!string.IsNullOrWhiteSpace(rag.ClientSecret))
        {
            o.ClientSecret = rag.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
        }
        else
        {
            // With a certificate only, the token endpoint is never called: the ID token comes back with the redirect.
            o.ResponseType = OpenIdConnectResponseType.IdToken;
            o.ResponseMode = OpenIdConnectResponseMode.FormPost;
        }

        var previous = o.Events.OnTokenValidated;
        o.Events.OnTokenValidated = async context =>
        {
            await previous(context);
            if (context.Result is null)
            {
                await flow.TokenValidatedAsync(context, rag, "name", rag.ReadMembershipsOnOverage);
            }
        };
        ConfigureCommon(o, flow);
    }

    private static void ConfigureCommon(OpenIdConnectOptions o, ExternalSignInFlow flow)
    {
        o.SignInScheme = CookieScheme;
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.SaveTokens = false;
        o.UsePkce = true;
        if (o.ResponseType == OpenIdConnectResponseType.Code)
        {
            // The answer comes back as a top-level GET, so Lax cookies suffice and plain http works on loopback.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }

        o.Events.OnRemoteFailure = flow.RemoteFailureAsync;
    }
}
