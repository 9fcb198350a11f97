using Rag.Storage.Vectors;

namespace Rag.Storage.Tests.Vectors;

public sealed class VectorMathTests
{
    [Fact]
    public void ToBlob_RoundTrip_IsLittleEndianFloat32()
    {
        float[] vector = [1f, -2.5f, 0f, float.Epsilon];

        var blob = VectorMath.ToBlob(vector);
        var back = new float[vector.Length];
        VectorMath.FromBlob(blob, back);

        Assert.Equal(16, blob.Length);
        Assert.Equal([0x00, 0x00, 0x80, 0x3F], blob[..4]);
        Assert.Equal(vector, back);
    }

    [Fact]
    public void FromBlob_WrongLength_Throws()
    {
        Assert.Throws<InvalidDataException>(() => VectorMath.FromBlob(new byte[6], new float[2]));
    }

    [Fact]
    public void Normalized_NonZero_HasUnitLength()
    {
        var unit = VectorMath.Normalized([3f, 4f]);

        Assert.Equal([0.6f, 0.8f], unit);
    }

    [Fact]
    public void Normalized_Zero_StaysZero()
    {
        Assert.Equal([0f, 0f], VectorMath.Normalized([0f, 0f]));
    }

    [Fact]
    public void IsFinite_NaNOrInfinity_IsFalse()
    {
        Assert.True(VectorMath.IsFinite([1f, 2f]));
        Assert.True(VectorMath.IsFinite([float.MaxValue, float.MaxValue]));
        Assert.False(VectorMath.IsFinite([1f, float.NaN]));
        Assert.False(VectorMath.IsFinite([float.PositiveInfinity, 0f]));
    }
}
