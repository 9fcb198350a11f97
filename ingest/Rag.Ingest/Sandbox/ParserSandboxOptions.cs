using System.ComponentModel.DataAnnotations;

namespace Rag.Ingest.Sandbox;

/// <summary>The parser sandbox (configuration section <c>Rag:Ingestion:Sandbox</c>): child processes that parse untrusted files.</summary>
public sealed class ParserSandboxOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Rag:Ingestion:Sandbox";

    /// <summary>Default memory limit of one parser child: 1 GiB.</summary>
    public const long DefaultMemoryLimitBytes = 1024L * 1024 * 1024;

    /// <summary>
    /// Parse in child processes when the host can start one (its <c>Main</c> calls <see cref="ParseChild.RunIfRequestedAsync"/>,
    /// or <see cref="HostPath"/> names one). False keeps parsing on an isolated thread of this process. Default true.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Resident memory (managed and native) one child may use; above it the child is killed and the document fails. Default 1 GiB.</summary>
    [Range(64L * 1024 * 1024, 1024L * 1024 * 1024 * 1024)]
    public long MemoryLimitBytes { get; set; } = DefaultMemoryLimitBytes;

    /// <summary>Long-lived children kept for reuse (one parse each at a time). Default 2.</summary>
    [Range(1, 64)]
    public int PoolSize { get; set; } = 2;

    /// <summary>
    /// The program to start as a parser child (an executable, or a .dll run with <c>dotnet</c>), given
    /// <c>--parse-child</c>. Empty: the running host itself, when it supports the parse mode.
    /// </summary>
    public string? HostPath { get; set; }
}
