namespace Rag.Web.Api;

/// <summary>One API key as configured (<c>Rag:Api:Keys:N</c>): never the key itself, only its SHA-256.</summary>
internal sealed class ApiKeyEntry
{
    /// <summary>Stable id; the caller's user id is <c>apikey:&lt;Id&gt;</c>.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Name shown in the audit trail (default: the id).</summary>
    public string? DisplayName { get; set; }

    /// <summary>Groups the key's caller belongs to: they decide which documents it may read.</summary>
    public List<string> Groups { get; set; } = [];

    /// <summary>Hex SHA-256 of the key's UTF-8 bytes (64 hex digits), as <c>rag api-key create</c> prints it.</summary>
    public string KeySha256 { get; set; } = string.Empty;
}
