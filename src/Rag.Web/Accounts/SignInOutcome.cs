namespace Rag.Web.Accounts;

/// <summary>How a password sign-in ended.</summary>
internal enum SignInOutcome
{
    SignedIn,
    WrongUserNameOrPassword,
    LockedOut,

    /// <summary>Too many failed sign-ins from the client's address: refused without checking anything (<see cref="SignInThrottle"/>).</summary>
    Throttled,
}
