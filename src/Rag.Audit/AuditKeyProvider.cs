using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Audit.Logging;
using Rag.Storage;

namespace Rag.Audit;

/// <summary>
/// Finds the audit signing key: <c>Rag:Audit:SigningKey</c> (PEM text), else <c>Rag:Audit:SigningKeyFile</c>, else
/// <c>audit-signing-key.pem</c> in the data directory, generated on first use with a warning (and its public half beside it;
/// processes starting together on a new data directory agree on one key through <c>audit-signing-key.pem.lock</c>).
/// </summary>
public sealed class AuditKeyProvider : IDisposable
{
    /// <summary>File name of the generated key in the data directory.</summary>
    public const string DefaultKeyFileName = "audit-signing-key.pem";

    /// <summary>File name of the generated key's public half, for auditors.</summary>
    public const string DefaultPublicKeyFileName = "audit-signing-key.pub.pem";

    /// <summary>Suffix of the lock file beside the generated key, held while the key is generated.</summary>
    private const string LockSuffix = ".lock";

    private readonly AuditOptions _options;
    private readonly string _dataDirectory;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private AuditKey? _key;
    private AuditKey? _unpinned;

    /// <summary>Creates the provider; nothing is read until a key is needed.</summary>
    public AuditKeyProvider(IOptions<AuditOptions> options, IOptions<StorageOptions> storage, ILogger<AuditKeyProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        _options = options.Value;
        _dataDirectory = Path.GetFullPath(storage.Value.DataDirectory);
        _logger = logger;
    }

    /// <summary>Where the key comes from, for messages (never the key itself).</summary>
    public string Source => !string.IsNullOrWhiteSpace(_options.SigningKey)
        ? "Rag:Audit:SigningKey"
        : Path.GetFullPath(_options.SigningKeyFile ?? Path.Combine(_dataDirectory, DefaultKeyFileName));

    /// <summary>The private key (loaded or generated once).</summary>
    /// <exception cref="InvalidOperationException">The configured key is missing, unreadable, not a P-256 private key, or not the pinned one.</exception>
    public AuditKey GetSigningKey()
    {
        lock (_lock)
        {
            if (_key is null)
            {
                var key = Load();
                if (_options.PinnedFingerprint is { } pin && !string.Equals(pin, key.Fingerprint, StringComparison.Ordinal))
                {
                    key.Dispose();
                    throw new InvalidOperationException(
                        $"The audit signing key from {Source} has fingerprint {key.Fingerprint}, not the one pinned by Rag:Audit:TrustedKeyFingerprint ({pin}): it was replaced. Nothing is recorded or signed with it; restore the pinned key.");
                }

                _key = key;
            }

            return _key;
        }
    }

    /// <summary>True when a private key is configured or was generated (so a verification can check record MACs); never generates one.</summary>
    public bool HasPrivateKey =>
        !string.IsNullOrWhiteSpace(_options.SigningKey) || !string.IsNullOrWhiteSpace(_options.SigningKeyFile) || File.Exists(Path.Combine(_dataDirectory, DefaultKeyFileName));

    /// <summary>What a verification with <paramref name="key"/> trusts: its fingerprint, where it came from, and whether it is the pinned key.</summary>
    public AuditKeyTrust DescribeTrust(AuditKey key, string? publicKeyFile)
    {
        ArgumentNullException.ThrowIfNull(key);
        var source = publicKeyFile is not null ? Path.GetFullPath(publicKeyFile)
            : HasPrivateKey ? Source
            : PublicPathFor(Path.Combine(_dataDirectory, DefaultKeyFileName));
        var pinning = _options.PinnedFingerprint is { } pin
            ? (string.Equals(pin, key.Fingerprint, StringComparison.Ordinal) ? AuditKeyPinning.Pinned : AuditKeyPinning.Mismatch)
            : publicKeyFile is not null ? AuditKeyPinning.GivenByAuditor : AuditKeyPinning.Unpinned;
        return new AuditKeyTrust(key.Fingerprint, key.KeyId, source, pinning);
    }

    /// <summary>
    /// A key to verify with, never generating one: <paramref name="publicKeyFile"/> when given (what an auditor holds),
    /// else the configured or default private key, else the default public key file.
    /// </summary>
    /// <exception cref="InvalidOperationException">No key was found.</exception>
    public AuditKey GetVerificationKey(string? publicKeyFile = null)
    {
        if (publicKeyFile is not null)
        {
            var path = Path.GetFullPath(publicKeyFile);
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"The public key file '{path}' does not exist.");
            }

            try
            {
                return AuditKey.FromPem(File.ReadAllText(path));
            }
            catch (ArgumentException ex)
            {
                throw new InvalidOperationException($"'{path}' is not a usable audit key: {ex.Message}", ex);
            }
        }

        if (HasPrivateKey)
        {
            return AuditKey.FromPem(LoadUnpinned().ExportPublicPem());
        }

        var publicPath = PublicPathFor(Path.Combine(_dataDirectory, DefaultKeyFileName));
        if (File.Exists(publicPath))
        {
            return AuditKey.FromPem(File.ReadAllText(publicPath));
        }

        throw new InvalidOperationException(
            $"No audit key to verify with: pass --public-key FILE, or configure Rag:Audit:SigningKeyFile. (Without either, the first record this version writes generates {DefaultKeyFileName} in the data directory.)");
    }

    /// <summary>
    /// The private key for a verification, whether or not it is the pinned one (verification reports a mismatch instead of failing to start).
    /// </summary>
    public AuditKey GetPrivateKeyForVerification() => LoadUnpinned();

    /// <inheritdoc />
    public void Dispose()
    {
        _key?.Dispose();
        _unpinned?.Dispose();
    }

    private AuditKey LoadUnpinned()
    {
        lock (_lock)
        {
            return _key ?? (_unpinned ??= Load());
        }
    }

    private AuditKey Load()
    {
        if (!string.IsNullOrWhiteSpace(_options.SigningKey))
        {
            return Private(_options.SigningKey, "Rag:Audit:SigningKey");
        }

        if (!string.IsNullOrWhiteSpace(_options.SigningKeyFile))
        {
            var path = Path.GetFullPath(_options.SigningKeyFile);
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"Rag:Audit:SigningKeyFile '{path}' does not exist. Create one with `./rag audit keygen {path}`.");
            }

            return Private(File.ReadAllText(path), $"Rag:Audit:SigningKeyFile '{path}'");
        }

        var defaultPath = Path.Combine(_dataDirectory, DefaultKeyFileName);
        if (File.Exists(defaultPath))
        {
            return Private(File.ReadAllText(defaultPath), $"'{defaultPath}'");
        }

        // Several processes (web app, worker, command line) may get here at once on a new data directory: one
        // generates the key while holding the lock file, the others wait and then load that key.
        PrivateFiles.EnsureDirectory(_dataDirectory);
        using (LockExclusive(defaultPath + LockSuffix))
        {
            if (File.Exists(defaultPath))
            {
                return Private(File.ReadAllText(defaultPath), $"'{defaultPath}'");
            }

            var key = AuditKey.Generate();
            try
            {
                WriteKeyPair(key, defaultPath);
            }
            catch
            {
                key.Dispose();
                throw;
            }

            _logger.AuditKeyGenerated(defaultPath);
            return key;
        }
    }

    /// <summary>Opens <paramref name="path"/> (created empty when missing) exclusively, waiting while another process holds it.</summary>
    private static FileStream LockExclusive(string path) =>
        FileLockRetry.Default.Open(() => new FileStream(path, PrivateFiles.CreateOptions(FileMode.OpenOrCreate, FileAccess.ReadWrite)));

    /// <summary>
    /// Writes <paramref name="key"/> to <paramref name="path"/> (owner read/write only) and its public half beside it.
    /// Each file is written in full and synced under a temporary name first, then moved into place, so a reader never
    /// sees a partial key; an existing private key is never replaced (<see cref="IOException"/>).
    /// </summary>
    public static void WriteKeyPair(AuditKey key, string path)
    {
        ArgumentNullException.ThrowIfNull(key);
        path = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        if (File.Exists(path))
        {
            throw new IOException($"The file '{path}' already exists.");
        }

        Publish(path, key.ExportPrivatePem(), ownerOnly: true, replace: false);
        Publish(PublicPathFor(path), key.ExportPublicPem(), ownerOnly: false, replace: true);
    }

    /// <summary>Writes <paramref name="text"/> to a temporary file beside <paramref name="path"/>, syncs it, and moves it to <paramref name="path"/>.</summary>
    private static void Publish(string path, string text, bool ownerOnly, bool replace)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.UTF8.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            // The rename is atomic: a reader sees no file or the whole key. (Without overwrite the existence check
            // before it is not atomic on every platform; generating processes take the lock file instead.)
            File.Move(temporary, path, overwrite: replace);
        }
        finally
        {
            File.Delete(temporary); // no-op once moved
        }
    }

    /// <summary>Where <see cref="WriteKeyPair"/> puts the public half of <paramref name="privateKeyPath"/>.</summary>
    public static string PublicPathFor(string privateKeyPath)
    {
        ArgumentNullException.ThrowIfNull(privateKeyPath);
        return privateKeyPath.EndsWith(".pem", StringComparison.OrdinalIgnoreCase)
            ? string.Concat(privateKeyPath.AsSpan(0, privateKeyPath.Length - 4), ".pub.pem")
            : privateKeyPath + ".pub.pem";
    }

    private static AuditKey Private(string pem, string source)
    {
        AuditKey key;
        try
        {
            key = AuditKey.FromPem(pem);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"The audit signing key from {source} is not usable: {ex.Message}", ex);
        }

        if (!key.CanSign)
        {
            key.Dispose();
            throw new InvalidOperationException($"The audit signing key from {source} is a public key; the application needs the private key to sign checkpoints.");
        }

        return key;
    }
}
