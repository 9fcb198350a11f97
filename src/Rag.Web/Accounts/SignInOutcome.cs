namespace Rag.Web.Accounts;

/// <summary>How a password sign-in ended.</summary>
internal enum SignInOutcome
{
    SignedIn,
    WrongUserNameOrPassword,
    LockedOut,
}
