using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace PrintFarm.Designs.Intake;

/// <summary>
/// PrusaSlicer's binary G-code (libbgcode's specification): a 10-byte file header (<c>GCDE</c>,
/// version 1, checksum type), then blocks, each a header (type, compression, sizes), parameters,
/// data and, when the file asks for it, a CRC-32 over all three. Every block is walked to the end
/// of the file and its checksum verified, so a file cut short or damaged is refused; only the
/// metadata and thumbnail blocks are decoded (<c>key=value</c> lines, stored plain or deflated).
/// The G-code blocks are passed through as they are.
/// </summary>
public static class BinaryGCode
{
    private const ushort FileMetadata = 0, GCode = 1, SlicerMetadata = 2, PrinterMetadata = 3, PrintMetadata = 4, ThumbnailBlock = 5;
    private const int MaxMetadataBytes = 16 * 1024 * 1024;

    public static IntakeResult Read(Stream file)
    {
        file.Seek(0, SeekOrigin.Begin);
        Span<byte> head = stackalloc byte[10];
        if (file.ReadAtLeast(head, 10, throwOnEndOfStream: false) < 10) throw Cut("its file header");
        var version = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
        if (version != 1) throw new DesignRefusedException($"The binary G-code is version {version}; only version 1 is known.");
        var checksummed = BinaryPrimitives.ReadUInt16LittleEndian(head[8..]) switch
        {
            0 => false,
            1 => true,
            var other => throw new DesignRefusedException($"The binary G-code names checksum type {other}, which does not exist."),
        };

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Thumbnail? best = null;
        var gcodeBlocks = 0;
        while (file.Position < file.Length)
        {
            var block = ReadBlock(file, checksummed);
            switch (block.Type)
            {
                case GCode:
                    gcodeBlocks++;
                    break;
                case FileMetadata or SlicerMetadata or PrinterMetadata or PrintMetadata when block.Encoding == 0:
                    foreach (var line in Encoding.UTF8.GetString(Inflate(block)).Split('\n'))
                    {
                        var equals = line.IndexOf('=');
                        if (equals > 0) values.TryAdd(line[..equals].Trim(), line[(equals + 1)..].Trim());
                    }
                    break;
                case ThumbnailBlock when block.Thumbnail is { } found && (best is null || found.Pixels > best.Pixels):
                    best = found;
                    break;
            }
        }
        if (gcodeBlocks == 0) throw new DesignRefusedException("The binary G-code holds no G-code blocks, so the upload was probably cut short.");

        string? Value(string key) => values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        var producer = Value("Producer");
        var space = producer?.LastIndexOf(' ') ?? -1;
        var facts = new PrintFileFacts
        {
            Format = DesignFormat.BinaryGCode,
            Slicer = space > 0 ? producer![..space] : producer,
            SlicerVersion = space > 0 ? producer![(space + 1)..] : null,
            EstimatedPrintSeconds = SlicerComments.Positive(SlicerDuration.Seconds(Value("estimated printing time (normal mode)"))),
            FilamentGrams = SlicerComments.Positive(SlicerComments.FirstNumber(Value("total filament used [g]")) ?? SlicerComments.Sum(Value("filament used [g]"))),
            FilamentMillimetres = SlicerComments.Positive(SlicerComments.Sum(Value("filament used [mm]"))),
            Materials = SlicerComments.List(Value("filament_type")),
            PrinterModel = Value("printer_model"),
            NozzleDiameter = SlicerComments.Positive(SlicerComments.FirstNumber(Value("nozzle_diameter"))),
            LayerHeight = SlicerComments.Positive(SlicerComments.FirstNumber(Value("layer_height"))),
            ThumbnailType = best?.MediaType,
        };
        return new IntakeResult(facts, best);
    }

    private sealed record Block(ushort Type, ushort Compression, ushort Encoding, byte[]? Data, int UncompressedSize, Thumbnail? Thumbnail);

    private static Block ReadBlock(Stream file, bool checksummed)
    {
        var crc = checksummed ? new Crc32() : null;
        Span<byte> header = stackalloc byte[12];
        if (file.ReadAtLeast(header[..8], 8, throwOnEndOfStream: false) < 8) throw Cut("a block header");
        var type = BinaryPrimitives.ReadUInt16LittleEndian(header);
        var compression = BinaryPrimitives.ReadUInt16LittleEndian(header[2..]);
        var uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        var headerLength = 8;
        if (compression != 0)
        {
            if (file.ReadAtLeast(header[8..12], 4, throwOnEndOfStream: false) < 4) throw Cut("a block header");
            headerLength = 12;
        }
        if (type > ThumbnailBlock) throw new DesignRefusedException($"The binary G-code has a block of type {type}, which does not exist: the file is damaged.");
        if (compression > 3) throw new DesignRefusedException($"The binary G-code has a block compressed with method {compression}, which does not exist: the file is damaged.");
        long stored = compression == 0 ? uncompressed : BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        crc?.Append(header[..headerLength]);

        Span<byte> parameters = stackalloc byte[6];
        var parameterLength = type == ThumbnailBlock ? 6 : 2;
        if (file.ReadAtLeast(parameters[..parameterLength], parameterLength, throwOnEndOfStream: false) < parameterLength) throw Cut("a block's parameters");
        crc?.Append(parameters[..parameterLength]);
        var encoding = BinaryPrimitives.ReadUInt16LittleEndian(parameters);

        var remaining = file.Length - file.Position - (checksummed ? 4 : 0);
        if (stored > remaining) throw Cut("a block's data");
        var decoded = type is not GCode;
        if (decoded && stored > MaxMetadataBytes) throw new DesignRefusedException("The binary G-code has a metadata block over 16 MiB: the file is damaged or hostile.");
        byte[]? data = null;
        if (decoded)
        {
            data = new byte[stored];
            file.ReadExactly(data);
            crc?.Append(data);
        }
        else
        {
            Pass(file, stored, crc);
        }
        if (crc is not null)
        {
            Span<byte> expected = stackalloc byte[4];
            file.ReadExactly(expected);
            if (BinaryPrimitives.ReadUInt32LittleEndian(expected) != crc.GetCurrentHashAsUInt32())
                throw new DesignRefusedException("A block of the binary G-code fails its checksum: the file is damaged.");
        }

        Thumbnail? thumbnail = null;
        if (type == ThumbnailBlock && compression == 0 && data is not null)
        {
            var mediaType = encoding switch { 0 => "image/png", 1 => "image/jpeg", _ => null };
            if (mediaType is not null && ImageMagic.Is(mediaType, data))
                thumbnail = new Thumbnail(mediaType, BinaryPrimitives.ReadUInt16LittleEndian(parameters[2..]), BinaryPrimitives.ReadUInt16LittleEndian(parameters[4..]), data);
        }
        return new Block(type, compression, encoding, data, (int)Math.Min(uncompressed, int.MaxValue), thumbnail);
    }

    private static byte[] Inflate(Block block)
    {
        switch (block.Compression)
        {
            case 0:
                return block.Data!;
            case 1:
                if (block.UncompressedSize > MaxMetadataBytes) throw new DesignRefusedException("The binary G-code has a metadata block over 16 MiB: the file is damaged or hostile.");
                using (var inflate = new ZLibStream(new MemoryStream(block.Data!), CompressionMode.Decompress))
                {
                    var bytes = new byte[block.UncompressedSize];
                    try
                    {
                        if (inflate.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length || inflate.ReadByte() != -1)
                            throw new DesignRefusedException("A metadata block of the binary G-code does not inflate to its stated size: the file is damaged.");
                    }
                    catch (InvalidDataException)
                    {
                        throw new DesignRefusedException("A metadata block of the binary G-code does not inflate: the file is damaged.");
                    }
                    return bytes;
                }
            default:
                throw new DesignRefusedException("The binary G-code's metadata is compressed with heatshrink, which the farm does not read: export it from the slicer with metadata uncompressed or deflated.");
        }
    }

    private static void Pass(Stream file, long count, Crc32? crc)
    {
        if (crc is null)
        {
            file.Seek(count, SeekOrigin.Current);
            return;
        }
        var buffer = new byte[(int)Math.Min(count, 81920)];
        while (count > 0)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(count, buffer.Length));
            if (read == 0) throw Cut("a block's data");
            crc.Append(buffer.AsSpan(0, read));
            count -= read;
        }
    }

    private static DesignRefusedException Cut(string what) =>
        new($"The binary G-code ends in the middle of {what}, so the upload was probably cut short.");
}
