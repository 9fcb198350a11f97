using System.IO.Compression;
using System.Text;

namespace Rag.Ingest.Tests.Sandbox;

/// <summary>
/// Writes a one-page PDF whose FlateDecode content stream inflates to <c>inflatedBytes</c> of <paramref name="pattern"/>
/// repeated (a few hundred KB on disk): "0 0 m\n" makes millions of path operations, each one an object in the parser.
/// </summary>
internal static class DecompressionBombPdf
{
    /// <param name="path">The file to write.</param>
    /// <param name="inflatedBytes">Size of the inflated content stream.</param>
    /// <param name="pattern">The content repeated.</param>
    public static void Write(string path, long inflatedBytes, string pattern = "0 0 m\n")
    {
        byte[] stream;
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                var unit = Encoding.ASCII.GetBytes(pattern);
                var block = new byte[1024 * 1024 / unit.Length * unit.Length];
                for (var i = 0; i < block.Length; i++)
                {
                    block[i] = unit[i % unit.Length];
                }

                for (long written = 0; written < inflatedBytes; written += block.Length)
                {
                    zlib.Write(block, 0, (int)Math.Min(block.Length, inflatedBytes - written));
                }
            }

            stream = compressed.ToArray();
        }

        using var file = File.Create(path);
        var offsets = new List<long>();
        void Text(string s) => file.Write(Encoding.ASCII.GetBytes(s));
        Text("%PDF-1.4\n");
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        ];
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(file.Position);
            Text($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        offsets.Add(file.Position);
        Text($"4 0 obj\n<< /Length {stream.Length} /Filter /FlateDecode >>\nstream\n");
        file.Write(stream);
        Text("\nendstream\nendobj\n");
        var xref = file.Position;
        Text($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Text($"{offset:D10} 00000 n \n");
        }

        Text($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
    }
}
