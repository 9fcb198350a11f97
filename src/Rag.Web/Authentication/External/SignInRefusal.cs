namespace Rag.Web.Authentication.External;

/// <summary>Why an external sign-in was refused: a code for the refused page's address and the message shown and audited.</summary>
internal sealed record SignInRefusal(string Code, string Message)
{
    public static SignInRefusal NoRole { get; } = new(
        "no-role",
        "Your account has no role in this app. Ask the admin to give you the Employee, Admin or ComplianceOfficer role at your identity provider.");

    public static SignInRefusal GroupOverage { get; } = new(
        "group-overage",
        "Your account is in too many groups; ask the admin to enable membership lookup (Rag:Web:Authentication:EntraId:ReadMembershipsOnOverage).");

    public static SignInRefusal MembershipsUnreadable { get; } = new(
        "memberships-unreadable",
        "Your group memberships could not be read from the directory. Try again later; if it persists, ask the admin.");

    public static SignInRefusal ProviderFailed { get; } = new(
        "provider-failed",
        "The sign-in with your identity provider did not complete. Try again; if it persists, ask the admin.");

    public static SignInRefusal NotRecorded { get; } = new(
        "not-recorded",
        "The sign-in could not be recorded in the audit trail, so it was refused. Ask the admin.");

    public static IReadOnlyList<SignInRefusal> All { get; } = [NoRole, GroupOverage, MembershipsUnreadable, ProviderFailed, NotRecorded];

    public static SignInRefusal ByCode(string? code) => All.FirstOrDefault(r => r.Code == code) ?? ProviderFailed;
}
