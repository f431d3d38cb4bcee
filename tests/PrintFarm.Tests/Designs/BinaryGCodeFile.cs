using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace PrintFarm.Tests.Designs;

/// <summary>Writes binary G-code as libbgcode's specification lays it out, for the intake tests.</summary>
public sealed class BinaryGCodeFile
{
    private readonly MemoryStream _bytes = new();

    public BinaryGCodeFile(bool checksums = true)
    {
        Checksums = checksums;
        _bytes.Write("GCDE"u8);
        Write32(1);
        Write16((ushort)(checksums ? 1 : 0));
    }

    public bool Checksums { get; }

    /// <summary>A metadata block (0 file, 2 slicer, 3 printer, 4 print) of key=value lines, stored plain (0), deflated (1) or "heatshrunk" (2).</summary>
    public BinaryGCodeFile Metadata(ushort type, string lines, ushort compression = 0) =>
        Block(type, compression, [0, 0], Encoding.UTF8.GetBytes(lines));

    public BinaryGCodeFile Thumbnail(ushort format, ushort width, ushort height, byte[] image)
    {
        var parameters = new byte[6];
        BinaryPrimitives.WriteUInt16LittleEndian(parameters, format);
        BinaryPrimitives.WriteUInt16LittleEndian(parameters.AsSpan(2), width);
        BinaryPrimitives.WriteUInt16LittleEndian(parameters.AsSpan(4), height);
        return Block(5, 0, parameters, image);
    }

    /// <summary>A G-code block; its content is opaque to intake (real files hold MeatPack in heatshrink).</summary>
    public BinaryGCodeFile GCode(byte[] data) => Block(1, 0, [0, 0], data);

    public byte[] ToArray() => _bytes.ToArray();

    private void Write32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        _bytes.Write(bytes);
    }

    private void Write16(ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        _bytes.Write(bytes);
    }

    private BinaryGCodeFile Block(ushort type, ushort compression, byte[] parameters, byte[] data)
    {
        var stored = compression == 1 ? Deflate(data) : data;
        var block = new MemoryStream();
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, type);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], compression);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)stored.Length);
        block.Write(header[..(compression == 0 ? 8 : 12)]);
        block.Write(parameters);
        block.Write(stored);
        var written = block.ToArray();
        _bytes.Write(written);
        if (Checksums)
        {
            Span<byte> crc = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32.HashToUInt32(written));
            _bytes.Write(crc);
        }
        return this;
    }

    private static byte[] Deflate(byte[] data)
    {
        var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(data);
        return buffer.ToArray();
    }
}
