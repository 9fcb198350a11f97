using Microsoft.Extensions.Options;

namespace Rag.Web.Accounts;

/// <summary>
/// Failed form sign-ins per client address: after <see cref="AccountsOptions.FailedSignInsPerAddress"/> failures within
/// <see cref="AccountsOptions.FailedSignInWindow"/> (whatever user names they claimed) the address is refused for that
/// window, before anything is checked against the accounts. Identity's lockout is per account and so does not stop one
/// address from trying a password on every account, nor from filling the audit trail with unknown user names.
/// An attempt counts against the allowance from the moment it is admitted, so parallel requests cannot exceed it.
/// Same shape as the API's <see cref="Authentication.DeniedSignInLimiter"/> (per address, a bounded number of addresses),
/// but that one only bounds what is recorded and never refuses.
/// </summary>
internal sealed class SignInThrottle(IOptions<AccountsOptions> options, TimeProvider time)
{
    /// <summary>Most client addresses tracked at once; failures from further addresses share one allowance.</summary>
    public const int MaxTrackedAddresses = 10_000;

    /// <summary>The key of the allowance shared by addresses beyond <see cref="MaxTrackedAddresses"/>.</summary>
    public const string OtherAddresses = "other-addresses";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SignInThrottleEntry> _entries = new(StringComparer.Ordinal);

    private TimeSpan Window => options.Value.FailedSignInWindow;

    /// <summary>
    /// Admits one attempt from <paramref name="clientAddress"/>: the key to pass to <see cref="End"/>, or null when the
    /// address is refused for <paramref name="retryAfter"/>.
    /// </summary>
    public string? TryBegin(string clientAddress, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(clientAddress);
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var key = KeyOf(clientAddress, now);
            var entry = _entries.TryGetValue(key, out var found) ? found : _entries[key] = new SignInThrottleEntry();
            entry.Prune(now, Window);
            if (entry.BlockedUntil > now)
            {
                retryAfter = entry.BlockedUntil - now;
                return null;
            }

            if (entry.Failures.Count + entry.Pending >= options.Value.FailedSignInsPerAddress)
            {
                // The allowance is taken by attempts still being checked: wait until the oldest failure leaves the window.
                retryAfter = entry.Failures.TryPeek(out var oldest) ? oldest + Window - now : Window;
                return null;
            }

            entry.Pending++;
            retryAfter = TimeSpan.Zero;
            return key;
        }
    }

    /// <summary>Ends an admitted attempt. True when this failure used up the allowance and the address is now refused (record it once).</summary>
    public bool End(string key, bool failed)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (!_entries.TryGetValue(key, out var entry))
            {
                return false;
            }

            entry.Pending = Math.Max(0, entry.Pending - 1);
            entry.Prune(now, Window);
            var blocked = false;
            if (failed)
            {
                entry.Failures.Enqueue(now);
                if (entry.Failures.Count >= options.Value.FailedSignInsPerAddress && entry.BlockedUntil <= now)
                {
                    entry.BlockedUntil = now + Window;
                    entry.Failures.Clear();
                    blocked = true;
                }
            }

            if (entry.IsIdle(now))
            {
                _entries.Remove(key);
            }

            return blocked;
        }
    }

    private string KeyOf(string clientAddress, DateTimeOffset now)
    {
        if (_entries.ContainsKey(clientAddress) || _entries.Count < MaxTrackedAddresses)
        {
            return clientAddress;
        }

        foreach (var (key, entry) in _entries.ToList())
        {
            entry.Prune(now, Window);
            if (entry.IsIdle(now))
            {
                _entries.Remove(key);
            }
        }

        return _entries.Count < MaxTrackedAddresses ? clientAddress : OtherAddresses;
    }
}
