using System.CommandLine;
using System.Text.Json;
using Rag.Core.Access;

namespace Rag.Cli.Commands;

/// <summary>
/// <c>rag api-key create --id ID --groups g1,g2 [--name NAME]</c>: a new key for the web API, printed once, with the
/// configuration that admits it (only the key's SHA-256 goes into configuration; the key is stored nowhere).
/// </summary>
internal static class ApiKeyCommand
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var id = new Option<string>("--id") { Description = "Key id (letters, digits, '-' or '.'); the caller's user id becomes apikey:<id>.", Required = true };
        var groups = new Option<string>("--groups") { Description = "Groups the key's caller belongs to, comma-separated: they decide which documents it may read.", Required = true };
        var name = new Option<string?>("--name") { Description = "Display name in the audit trail (default: the id)." };
        var create = new Command("create", "Create an API key: prints the key once and the configuration to add.") { id, groups, name };
        create.SetAction(async (parse, cancellationToken) =>
        {
            var keyId = parse.GetValue(id)!;
            var groupList = CliContext.SplitList(parse.GetValue(groups)).Select(g => NameKey.Normalize(g, "group")).Distinct(NameKey.Comparer).ToList();
            if (groupList.Count == 0)
            {
                throw new ArgumentException("--groups must name at least one group: a key without groups can read nothing.");
            }

            var key = ApiKeys.Create(keyId);
            var hash = ApiKeys.Sha256Hex(key);
            var displayName = parse.GetValue(name) is { Length: > 0 } n ? n : keyId;
            await WriteAsync(context.Output, keyId, displayName, groupList, key, hash, cancellationToken);
            return RagCommandLine.ExitOk;
        });
        return new Command("api-key", "Manage keys of the web API (OpenAI-compatible).") { create };
    }

    private static async Task WriteAsync(TextWriter output, string id, string displayName, IReadOnlyList<string> groups, string key, string hash, CancellationToken cancellationToken)
    {
        var lines = new List<string>
        {
            $"API key for '{id}' (shown only now; store it in a secret store, it cannot be recovered):",
            string.Empty,
            "  " + key,
            string.Empty,
            "Configuration for the web app, as environment variables (change the index 0 if other keys use it):",
            string.Empty,
            $"  Rag__Api__Keys__0__Id={id}",
            $"  Rag__Api__Keys__0__DisplayName={displayName}",
        };
        lines.AddRange(groups.Select((g, i) => $"  Rag__Api__Keys__0__Groups__{i}={g}"));
        lines.Add($"  Rag__Api__Keys__0__KeySha256={hash}");
        lines.Add(string.Empty);
        lines.Add("or as JSON (one element of Rag:Api:Keys):");
        lines.Add(string.Empty);
        lines.Add(JsonSerializer.Serialize(new { Id = id, DisplayName = displayName, Groups = groups, KeySha256 = hash }, IndentedJson));
        foreach (var line in lines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await output.WriteLineAsync(line);
        }
    }
}
