namespace Rag.Onnx.Generation;

/// <summary>GPT-2's reversible byte ↔ printable-character map used by byte-level BPE vocabularies.</summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] s_byteToChar = BuildByteToChar();
    private static readonly Dictionary<char, byte> s_charToByte = s_byteToChar
        .Select((c, b) => (c, b))
        .ToDictionary(p => p.c, p => (byte)p.b);

    /// <summary>Maps each UTF-8 byte of <paramref name="text"/> to its vocabulary character.</summary>
    public static string Encode(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return string.Create(bytes.Length, bytes, static (span, b) =>
        {
            for (var i = 0; i < b.Length; i++)
            {
                span[i] = s_byteToChar[b[i]];
            }
        });
    }

    /// <summary>The bytes a byte-level token stands for; characters outside the alphabet are kept as UTF-8.</summary>
    public static byte[] Decode(string token)
    {
        var bytes = new List<byte>(token.Length);
        foreach (var c in token)
        {
            if (s_charToByte.TryGetValue(c, out var b))
            {
                bytes.Add(b);
            }
            else
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return [.. bytes];
    }

    // Printable Latin-1 bytes map to themselves; the rest are shifted to U+0100 and up (openai/gpt-2 encoder.py).
    private static char[] BuildByteToChar()
    {
        var map = new char[256];
        var shift = 0;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[b] = printable ? (char)b : (char)(256 + shift++);
        }

        return map;
    }
}
