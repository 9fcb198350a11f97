using MimeKit;

namespace Rag.Ingest.Tests.Readers.Email;

/// <summary>Builds real RFC 5322 messages with MimeKit, serialised as an .eml file would be.</summary>
internal static class EmlTestMessages
{
    public static byte[] Build(string subject, string? textBody, string? htmlBody, params MimeEntity[] attachments)
    {
        using var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Facilities", "facilities@example.org"));
        message.To.Add(new MailboxAddress("All Staff", "staff@example.org"));
        message.Subject = subject;
        message.Date = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(1));
        var body = new BodyBuilder { TextBody = textBody, HtmlBody = htmlBody };
        foreach (var attachment in attachments)
        {
            body.Attachments.Add(attachment);
        }

        message.Body = body.ToMessageBody();
        using var memory = new MemoryStream();
        message.WriteTo(memory);
        return memory.ToArray();
    }

    public static MimePart TextAttachment(string fileName, string text) => new TextPart("plain")
    {
        Text = text,
        FileName = fileName,
        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
    };

    public static MimePart BinaryAttachment(string fileName, string mediaType, string subtype) => new(mediaType, subtype)
    {
        Content = new MimeContent(new MemoryStream([1, 2, 3, 4])),
        FileName = fileName,
        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
        ContentTransferEncoding = ContentEncoding.Base64,
    };
}
