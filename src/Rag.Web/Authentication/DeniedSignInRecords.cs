using System.Text.Json;
using Rag.Core.Audit;

namespace Rag.Web.Authentication;

/// <summary>The audit record of one refused sign-in: bounded in size whatever the request was.</summary>
internal static class DeniedSignInRecords
{
    /// <summary>The subject of a refusal without a key id.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>Longest request path recorded; a longer one is cut, its length recorded.</summary>
    public const int MaxPathChars = 256;

    public static AuditEvent One(string scheme, string reason, string? keyId, string? path, string clientAddress)
    {
        var subject = keyId is null ? Anonymous : ApiKeyDefaults.UserIdPrefix + keyId;
        path ??= string.Empty;
        var detail = JsonSerializer.Serialize(new
        {
            scheme,
            reason,
            keyId,
            path = path.Length > MaxPathChars ? path[..MaxPathChars] : path,
            pathLength = path.Length,
        });
        return new AuditEvent(AuditActions.SignIn, AuditActor.FromId(subject), keyId is null ? [] : [subject], AuditOutcomes.Denied)
        {
            Detail = detail,
            ClientAddress = clientAddress,
        };
    }
}
