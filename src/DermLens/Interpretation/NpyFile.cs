using System.Globalization;
using System.Text;

namespace DermLens.Interpretation;

/// <summary>Writes float32 arrays as NumPy .npy files (format version 1.0), so raw maps open with numpy.load.</summary>
public static class NpyFile
{
    /// <summary>Writes data (row-major, C order) with the given shape to path, atomically.</summary>
    public static void Write(string path, ReadOnlySpan<float> data, params int[] shape) =>
        AtomicFile.WriteAllBytes(path, Encode(data, shape));

    /// <summary>The bytes of a .npy file: magic, version, header length, a padded Python-dict header, little-endian floats.</summary>
    public static byte[] Encode(ReadOnlySpan<float> data, params int[] shape)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != data.Length)
            throw new DermLensException($"An array of shape ({string.Join(", ", shape)}) holds {count} values, got {data.Length}.");
        var dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
        // The format pads the header with spaces and a newline so the data starts on a 64-byte boundary.
        const int Preamble = 10;
        var padded = (Preamble + header.Length + 1 + 63) / 64 * 64 - Preamble;
        header = header.PadRight(padded - 1) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        var length = new byte[2];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
        var bytes = new byte[data.Length * 4];
        for (var i = 0; i < data.Length; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), data[i]);
        stream.Write(bytes);
        return stream.ToArray();
    }
}
