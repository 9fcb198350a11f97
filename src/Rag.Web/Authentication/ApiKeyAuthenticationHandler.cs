using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Rag.Core.Access;
using Rag.Core.Audit;
using Rag.Web.Hosting;
using Rag.Web.OpenAi;

namespace Rag.Web.Authentication;

/// <summary>
/// Scheme <c>ApiKey</c>: <c>Authorization: Bearer &lt;key&gt;</c>, checked against the configured SHA-256 hashes. A refused
/// request gets 401 in OpenAI's error shape with <c>WWW-Authenticate: Bearer</c> and is recorded as a denied
/// <c>auth.signin</c> (with the key id the key claims, never the key, and at most
/// <see cref="DeniedSignInRecords.MaxPathChars"/> characters of the path); past a client address's allowance per window
/// refusals are counted into one summary record instead (<see cref="DeniedSignInLimiter"/>).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyStore keys,
    DeniedSignInLimiter limiter,
    IAuditLog audit) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    internal const string NoKeysMessage =
        "This server has no API keys configured (Rag:Api:Keys), so it refuses every request. Create one with: rag api-key create --id ID --groups GROUPS";

    internal const string MissingKeyMessage = "No API key: send the header 'Authorization: Bearer <key>'.";

    internal const string InvalidKeyMessage = "The API key is not valid.";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (keys.IsEmpty)
        {
            return Task.FromResult(AuthenticateResult.Fail(NoKeysMessage));
        }

        if (PresentedKey() is not { } presented)
        {
            return Task.FromResult(Request.Headers.Authorization.Count == 0 ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(MissingKeyMessage));
        }

        if (keys.Find(presented) is not { } entry)
        {
            return Task.FromResult(AuthenticateResult.Fail(InvalidKeyMessage));
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, ApiKeyDefaults.UserIdPrefix + entry.Id),
            new(ClaimTypes.Name, string.IsNullOrWhiteSpace(entry.DisplayName) ? entry.Id : entry.DisplayName),
        };
        // Validated at start-up (ApiOptionsValidator), so Normalize does not throw here.
        claims.AddRange(entry.Groups.Select(g => new Claim(RagClaims.Groups, NameKey.Normalize(g, "group"))));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var message = result.Failure?.Message ?? MissingKeyMessage;
        var keyId = ApiKeys.ClaimedId(PresentedKey());
        await RecordDeniedAsync(message, keyId);
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        await OpenAiError.WriteAsync(Context, StatusCodes.Status401Unauthorized, message, "invalid_request_error", "invalid_api_key");
    }

    private string? PresentedKey()
    {
        var header = Request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        return header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) && header[Bearer.Length..].Trim() is { Length: > 0 } key ? key : null;
    }

    private async Task RecordDeniedAsync(string reason, string? keyId)
    {
        // One client must not be able to fill the disk through the audit trail: the first refusals of an address in a
        // window are recorded one by one, the rest counted into one summary record (see DeniedSignInLimiter).
        var address = ClientAddress.Of(Context);
        var alone = limiter.Admit(address, keyId, reason, out var summaries);
        IReadOnlyList<AuditEvent> records = alone ? [.. summaries, DeniedSignInRecords.One(Scheme.Name, reason, keyId, Request.Path.Value, address)] : summaries;
        if (records.Count == 0)
        {
            return;
        }

        try
        {
            await audit.AppendAsync(records, Context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The request is refused either way; an unrecordable refusal must not turn into an error page.
            WebLog.DeniedSignInNotRecorded(Logger, ex);
        }
    }
}
