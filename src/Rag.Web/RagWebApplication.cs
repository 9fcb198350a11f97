using Rag.Core;
using Rag.Generation;
using Rag.Hosting;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Storage;
using Rag.Web.Api;
using Rag.Web.Authentication.External;
using Rag.Web.Components;
using Rag.Web.Hosting;
using Rag.Web.Workspaces.Users;
using Rag.Web.OpenAi;
using Rag.Web.Workspaces.Documents;
using Rag.Web.Workspaces.Audit;
using Rag.Web.Workspaces.Ask;
using Rag.Web.Workspaces.Status;
using Rag.Audit;

namespace Rag.Web;

/// <summary>The web app's composition root: configuration, one AddXxx() per project, and the endpoints.</summary>
public static class RagWebApplication
{
    /// <summary>Longest request line (method, path, query, version) Kestrel accepts; longer gets 414.</summary>
    public const int MaxRequestLineBytes = 4 * 1024;

    /// <summary>Largest header block Kestrel accepts; larger gets 431.</summary>
    public const int MaxRequestHeadersBytes = 16 * 1024;

    /// <summary>
    /// Builds the app (not started). Configuration, lowest precedence first: default paths from RAG_HOME, RAG_DATA and
    /// RAG_MODELS; the RAG_CONFIG JSON file; appsettings.json; environment variables (<c>Rag__Api__ModelId</c>); the
    /// command line (<c>--urls</c>, <c>--Rag:Api:ModelId=rag</c>); then <paramref name="configure"/>. Every option is
    /// validated when the app starts: a bad setting stops start-up with an <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming the key.
    /// </summary>
    public static WebApplication Create(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(RagWebApplication).Assembly.GetName().Name,
            // The browser assets lie next to the app (a published app), whatever the working directory.
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        // A built but unpublished app (./rag web, tests) serves them from the project through its static web assets
        // manifest; a published app has no manifest and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        // Only the files in the assets manifest are served: a built app would otherwise add a catch-all route for any
        // file under wwwroot, which also turns the API's 405 (wrong method) into 404.
        builder.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] = "true";
        builder.AddRagDefaults();
        RagWebConfiguration.AddLoggingDefaults(builder.Configuration);
        configure?.Invoke(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The API's paths are short: an absurd request line or header block is refused (414/431) before any code runs.
            kestrel.Limits.MaxRequestLineSize = MaxRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = MaxRequestHeadersBytes;
        });
        builder.Host.UseDefaultServiceProvider(provider =>
        {
            provider.ValidateOnBuild = true;
            provider.ValidateScopes = true;
        });

        var configuration = builder.Configuration;
        builder.Services
            .AddRagCore(configuration)
            .AddRagOnnx(configuration)
            .AddRagStorage(configuration)
            .AddRagAudit(configuration)
            .AddRagGeneration(configuration)
            .AddRagApi(configuration)
            .AddRagWebApp(configuration)
            .AddExternalSignIn(configuration)
            .AddUsersWorkspace(configuration)
            .AddDocumentsWorkspace(configuration)
            .AddAuditWorkspace(configuration)
            .AddAskWorkspace(configuration)
            .AddStatusWorkspace(configuration);

        var app = builder.Build();
        app.UseRagSecurityHeaders();
        app.UseOpenAiErrorPages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapOpenAiApi();
        app.MapRagWebApp();
        app.MapExternalSignIn();
        app.MapDocumentFiles();
        app.MapAuditWorkspace();
        return app;
    }
}
