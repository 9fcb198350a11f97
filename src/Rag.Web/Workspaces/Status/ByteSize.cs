using System.Globalization;

namespace Rag.Web.Workspaces.Status;

/// <summary>Sizes as people read them (1,024-based, one decimal): 512 B, 3.4 KiB, 12.0 MiB.</summary>
internal static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Format(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B") : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {Units[unit]}");
    }
}
