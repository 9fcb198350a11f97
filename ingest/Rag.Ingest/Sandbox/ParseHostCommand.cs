using System.Reflection;

namespace Rag.Ingest.Sandbox;

/// <summary>How to start a parser child: a program and its arguments (the last one is <see cref="ParseChild.Argument"/>).</summary>
/// <param name="FileName">The executable (the host's apphost, or <c>dotnet</c>).</param>
/// <param name="Arguments">Its arguments.</param>
public sealed record ParseHostCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// The command for <paramref name="hostPath"/> when given (a .dll runs under the current <c>dotnet</c>); otherwise the
    /// running host itself when its <c>Main</c> called <see cref="ParseChild.RunIfRequestedAsync"/>; otherwise null.
    /// </summary>
    public static ParseHostCommand? Resolve(string? hostPath)
    {
        if (!string.IsNullOrWhiteSpace(hostPath))
        {
            var full = Path.GetFullPath(hostPath);
            if (!File.Exists(full))
            {
                throw new InvalidOperationException($"{ParserSandboxOptions.SectionName}:HostPath names '{full}', which does not exist.");
            }

            return full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                ? new ParseHostCommand(DotnetHost(), [full, ParseChild.Argument])
                : new ParseHostCommand(full, [ParseChild.Argument]);
        }

        if (!ParseChild.HostSupportsParseMode || Environment.ProcessPath is not { } self)
        {
            return null;
        }

        return IsDotnetMuxer(self) && Assembly.GetEntryAssembly()?.Location is { Length: > 0 } entry
            ? new ParseHostCommand(self, [entry, ParseChild.Argument])
            : new ParseHostCommand(self, [ParseChild.Argument]);
    }

    private static string DotnetHost() =>
        Environment.ProcessPath is { } self && IsDotnetMuxer(self) ? self : "dotnet";

    private static bool IsDotnetMuxer(string path) =>
        Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
}
