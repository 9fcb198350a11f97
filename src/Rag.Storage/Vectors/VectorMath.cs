using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Rag.Storage.Vectors;

/// <summary>L2 normalisation and the on-disk encoding of vectors (float32, little-endian).</summary>
internal static class VectorMath
{
    /// <summary>Writes <paramref name="source"/> scaled to unit length into <paramref name="destination"/>; a zero vector stays zero.</summary>
    public static void NormalizeInto(ReadOnlySpan<float> source, Span<float> destination)
    {
        var norm = TensorPrimitives.Norm(source);
        if (norm > 0f && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(source, norm, destination);
        }
        else
        {
            source.CopyTo(destination);
        }
    }

    /// <summary>A unit-length copy of <paramref name="source"/>.</summary>
    public static float[] Normalized(ReadOnlySpan<float> source)
    {
        var result = new float[source.Length];
        NormalizeInto(source, result);
        return result;
    }

    /// <summary>True when every component is a finite number.</summary>
    public static bool IsFinite(ReadOnlySpan<float> vector) => float.IsFinite(TensorPrimitives.Norm(vector)) || AllFinite(vector);

    /// <summary>The BLOB stored for <paramref name="vector"/>: float32 little-endian, 4 bytes per component.</summary>
    public static byte[] ToBlob(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(vector).CopyTo(bytes);
        }
        else
        {
            for (var i = 0; i < vector.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
            }
        }

        return bytes;
    }

    /// <summary>Decodes a BLOB written by <see cref="ToBlob"/> into <paramref name="destination"/>.</summary>
    public static void FromBlob(ReadOnlySpan<byte> blob, Span<float> destination)
    {
        if (blob.Length != destination.Length * sizeof(float))
        {
            throw new InvalidDataException($"A stored vector has {blob.Length} bytes where {destination.Length * sizeof(float)} were expected.");
        }

        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(blob).CopyTo(destination);
            return;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadSingleLittleEndian(blob[(i * sizeof(float))..]);
        }
    }

    private static bool AllFinite(ReadOnlySpan<float> vector)
    {
        // The norm overflows to infinity for huge but finite components; only then is the slow check needed.
        foreach (var x in vector)
        {
            if (!float.IsFinite(x))
            {
                return false;
            }
        }

        return true;
    }
}
