using System.CommandLine;
using Rag.Audit.Signing;
using Rag.Audit;

namespace Rag.Cli.Commands.Audit;

/// <summary><c>rag audit keygen FILE</c>: create an ECDSA P-256 signing key (and FILE's .pub.pem for auditors).</summary>
internal static class AuditKeygenCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "Where to write the private key (PEM, owner-only). Never overwritten." };
        var command = new Command("keygen", "Create an audit signing key; point Rag:Audit:SigningKeyFile at it.") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (File.Exists(path))
            {
                throw new InvalidOperationException($"'{path}' already exists; a signing key is never overwritten.");
            }

            using var key = AuditKey.Generate();
            AuditKeyProvider.WriteKeyPair(key, path);
            await context.Output.WriteLineAsync($"Wrote the private key to {path} and the public key to {AuditKeyProvider.PublicPathFor(path)} (key id {key.KeyId}). Set Rag:Audit:SigningKeyFile={path}.");
            return RagCommandLine.ExitOk;
        });
        return command;
    }
}
