using System.Globalization;
using MimeKit;
using Rag.Core.Documents;

namespace Rag.Ingest.Readers.Email;

/// <summary>
/// Reads e-mail messages (.eml, RFC 5322/MIME) with MimeKit: the subject is the title and first heading, then one
/// paragraph of headers (From, To, Cc, Date), then the body (text/plain preferred; an HTML-only body is reduced to its
/// visible text the way <see cref="HtmlDocumentReader"/> does). Text attachments (text/*) follow, each under a heading
/// with its file name; other attachments (PDF, Office, images, attached messages) are listed by name and type but not
/// read, so a message cannot smuggle a nested archive or parser bomb past the per-format checks.
/// </summary>
public sealed class EmlDocumentReader : IDocumentReader
{
    private static readonly string[] FileExtensions = [".eml"];

    /// <inheritdoc />
    public string MediaType => "message/rfc822";

    /// <inheritdoc />
    public IReadOnlyCollection<string> Extensions => FileExtensions;

    /// <inheritdoc />
    public async Task<ParsedDocument> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        var bytes = await ReaderStreams.ReadAllBytesAsync(content, cancellationToken);
        if (bytes.Length == 0)
        {
            throw new DocumentReadException("e-mail is empty (0 bytes)");
        }

        MimeMessage message;
        try
        {
            using var memory = new MemoryStream(bytes, writable: false);
            message = MimeMessage.Load(memory, cancellationToken);
        }
        catch (FormatException ex)
        {
            throw new DocumentReadException("e-mail is malformed: " + TextNormalizer.Collapse(ex.Message), ex);
        }

        using (message)
        {
            var builder = new ParsedDocumentBuilder();
            var subject = TextNormalizer.Collapse(message.Subject);
            builder.AddHeading(subject, 1);
            builder.AddParagraph(Headers(message));
            AddBody(message, builder, cancellationToken);
            AddAttachments(message, builder, cancellationToken);
            if (builder.Count == 0)
            {
                throw new DocumentReadException("e-mail has no subject, headers or text");
            }

            return builder.Build(subject.Length > 0 ? subject : null);
        }
    }

    private static string Headers(MimeMessage message)
    {
        var lines = new List<string>(4);
        AddHeader(lines, "From", message.From);
        AddHeader(lines, "To", message.To);
        AddHeader(lines, "Cc", message.Cc);
        if (message.Date != DateTimeOffset.MinValue)
        {
            lines.Add("Date: " + message.Date.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture));
        }

        return string.Join('\n', lines);
    }

    private static void AddHeader(List<string> lines, string name, InternetAddressList addresses)
    {
        var value = TextNormalizer.Collapse(addresses.ToString());
        if (value.Length > 0)
        {
            lines.Add($"{name}: {value}");
        }
    }

    private static void AddBody(MimeMessage message, ParsedDocumentBuilder builder, CancellationToken cancellationToken)
    {
        if (message.TextBody is { } text && !string.IsNullOrWhiteSpace(text))
        {
            EmailText.AddPlain(text, builder);
        }
        else if (message.HtmlBody is { } html)
        {
            EmailText.AddHtml(html, builder, cancellationToken);
        }
    }

    private static void AddAttachments(MimeMessage message, ParsedDocumentBuilder builder, CancellationToken cancellationToken)
    {
        foreach (var attachment in message.Attachments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var type = attachment.ContentType.MimeType.ToLowerInvariant();
            var name = TextNormalizer.Collapse(attachment is MimePart part ? part.FileName : attachment.ContentType.Name);
            if (name.Length == 0)
            {
                name = "unnamed";
            }

            if (attachment is TextPart textPart)
            {
                builder.AddHeading("Attachment: " + name, 2);
                if (textPart.IsHtml)
                {
                    EmailText.AddHtml(textPart.Text, builder, cancellationToken);
                }
                else
                {
                    EmailText.AddPlain(textPart.Text, builder);
                }
            }
            else
            {
                builder.AddParagraph($"Attachment not indexed: {name} ({type})");
            }
        }
    }
}
