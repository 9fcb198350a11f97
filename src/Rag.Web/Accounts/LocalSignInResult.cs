namespace Rag.Web.Accounts;

/// <summary>How a password sign-in ended and, when <see cref="SignInOutcome.Throttled"/>, how long the address must wait.</summary>
internal sealed record LocalSignInResult(SignInOutcome Outcome, TimeSpan RetryAfter)
{
    /// <summary>Whole minutes to wait, at least one (what the sign-in page says).</summary>
    public int RetryAfterMinutes => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalMinutes));
}
