using PrintFarm.Designs;

namespace PrintFarm.Tests.Designs;

[Trait("Category", "Unit")]
public sealed class BinaryGCodeTests
{
    private static readonly byte[] Png = TinyPng();

    /// <summary>Laid out like libbgcode's mini_cube_ps2.8.1.bgcode: file, printer, thumbnails, print, slicer metadata, then G-code.</summary>
    private static BinaryGCodeFile MiniCube(bool checksums = true, ushort printCompression = 1) =>
        new BinaryGCodeFile(checksums)
            .Metadata(0, "Producer=PrusaSlicer 2.8.1\nProduced on=2024-10-21 at 06:38:01 UTC\n")
            .Metadata(3, "printer_model=MK4S\nfilament_type=PLA\nnozzle_diameter=0.4\nlayer_height=0.2\nfilament used [mm]=252.22\nfilament used [g]=0.75\nestimated printing time (normal mode)=3m 41s\n")
            .Thumbnail(2, 16, 16, "qoif\0\0\0\u0010"u8.ToArray())
            .Thumbnail(0, 20, 10, Png)
            .Metadata(4, "total filament used [g]=0.75\n", printCompression)
            .Metadata(2, "; full config\nlayer_height=0.2\n", 1)
            .GCode(new byte[4000])
            .GCode(new byte[1000]);

    [Fact]
    public void A_binary_gcode_gives_what_its_metadata_blocks_say_and_its_png_thumbnail()
    {
        var (facts, thumbnail) = SampleFiles.Intake(MiniCube().ToArray());

        Assert.Equal(DesignFormat.BinaryGCode, facts.Format);
        Assert.Equal("PrusaSlicer", facts.Slicer);
        Assert.Equal("2.8.1", facts.SlicerVersion);
        Assert.Equal(221, facts.EstimatedPrintSeconds);
        Assert.Equal(0.75, facts.FilamentGrams);
        Assert.Equal(252.22, facts.FilamentMillimetres);
        Assert.Equal(["PLA"], facts.Materials);
        Assert.Equal("MK4S", facts.PrinterModel);
        Assert.Equal(0.4, facts.NozzleDiameter);
        Assert.Equal(0.2, facts.LayerHeight);
        Assert.Equal("image/png", facts.ThumbnailType);
        Assert.Equal((20, 10), (thumbnail!.Width, thumbnail.Height));
        Assert.Equal(Png, thumbnail.Bytes);
    }

    [Fact]
    public void Without_checksums_it_reads_the_same()
    {
        Assert.Equal(221, SampleFiles.Intake(MiniCube(checksums: false).ToArray()).Facts.EstimatedPrintSeconds);
    }

    [Fact]
    public void One_cut_short_is_refused_wherever_it_was_cut()
    {
        var whole = MiniCube().ToArray();
        foreach (var length in new[] { 6, 15, 200, whole.Length - 600, whole.Length - 1 })
            Assert.Contains("cut short", SampleFiles.Refused(whole[..length]).Message);
    }

    [Fact]
    public void A_damaged_block_fails_its_checksum()
    {
        var bytes = MiniCube().ToArray();
        bytes[^10] ^= 0xFF; // inside the last G-code block
        Assert.Contains("checksum", SampleFiles.Refused(bytes).Message);
    }

    [Fact]
    public void Metadata_compressed_with_heatshrink_is_refused_rather_than_guessed()
    {
        Assert.Contains("heatshrink", SampleFiles.Refused(MiniCube(printCompression: 3).ToArray()).Message);
    }

    [Fact]
    public void Metadata_without_gcode_is_refused()
    {
        var bytes = new BinaryGCodeFile().Metadata(0, "Producer=PrusaSlicer 2.8.1\n").ToArray();
        Assert.Contains("no G-code", SampleFiles.Refused(bytes).Message);
    }

    private static byte[] TinyPng() =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 20, 0, 0, 0, 10, 8, 2, 0, 0, 0, 1, 2, 3, 4];
}
