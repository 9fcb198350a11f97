namespace Rag.Web.Hosting;

/// <summary>The address recorded in the audit trail for a request.</summary>
internal static class ClientAddress
{
    /// <summary>The connection's remote IP (IPv4-mapped addresses as IPv4), or <c>unknown</c>.</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ip = context.Connection.RemoteIpAddress;
        return ip is null ? "unknown" : (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
    }
}
