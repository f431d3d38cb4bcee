using PrintFarm.Designs;

namespace PrintFarm.Tests.Designs;

/// <summary>What intake reads from each sample file, field by field.</summary>
[Trait("Category", "Unit")]
public sealed class SampleIntakeTests
{
    [Fact]
    public void A_PrusaSlicer_gcode_gives_its_time_filament_printer_and_largest_png_thumbnail()
    {
        var (facts, thumbnail) = SampleFiles.Intake(SampleFiles.Bytes(SampleFiles.PrusaSlicer));

        Assert.Equal(DesignFormat.GCode, facts.Format);
        Assert.False(facts.NeedsSlicing);
        Assert.Equal("PrusaSlicer", facts.Slicer);
        Assert.Equal("2.8.1", facts.SlicerVersion);
        Assert.Equal(12 * 60 + 30, facts.EstimatedPrintSeconds); // normal mode, not silent (12m 47s)
        Assert.Equal(0.75, facts.FilamentGrams);
        Assert.Equal(252.22, facts.FilamentMillimetres);
        Assert.Equal(["PLA"], facts.Materials);
        Assert.Equal("MK4S", facts.PrinterModel);
        Assert.Equal(0.4, facts.NozzleDiameter);
        Assert.Equal(0.2, facts.LayerHeight);
        Assert.Equal(31, facts.LayerCount);
        Assert.Empty(facts.Plates);
        // Of 16x16 PNG, 48x32 PNG and 313x173 QOI: the largest the farm can show.
        Assert.Equal("image/png", facts.ThumbnailType);
        Assert.Equal((48, 32), (thumbnail!.Width, thumbnail.Height));
        Assert.Equal(0x89, thumbnail.Bytes[0]);
    }

    [Fact]
    public void A_Cura_gcode_gives_its_time_and_length_and_leaves_what_Cura_does_not_write_unknown()
    {
        var (facts, thumbnail) = SampleFiles.Intake(SampleFiles.Bytes(SampleFiles.Cura));

        Assert.Equal(DesignFormat.GCode, facts.Format);
        Assert.Equal("Cura", facts.Slicer);
        Assert.Equal("5.7.1", facts.SlicerVersion);
        Assert.Equal(1530, facts.EstimatedPrintSeconds);
        Assert.Equal(1234.5, facts.FilamentMillimetres!.Value, 6);
        Assert.Null(facts.FilamentGrams);
        Assert.Empty(facts.Materials);
        Assert.Equal("Creality Ender-3", facts.PrinterModel);
        Assert.Null(facts.NozzleDiameter);
        Assert.Equal(0.2, facts.LayerHeight);
        Assert.Equal(50, facts.LayerCount);
        Assert.Null(thumbnail);
        Assert.Null(facts.ThumbnailType);
    }

    [Fact]
    public void An_OrcaSlicer_gcode_3mf_gives_its_plates_printer_material_and_plate_thumbnail()
    {
        var (facts, thumbnail) = SampleFiles.Intake(SampleFiles.Bytes(SampleFiles.OrcaSlicer));

        Assert.Equal(DesignFormat.SlicedThreeMf, facts.Format);
        Assert.False(facts.NeedsSlicing);
        Assert.Equal("OrcaSlicer", facts.Slicer);
        Assert.Equal("2.2.0", facts.SlicerVersion);
        Assert.Equal(1, facts.PlateCount);
        Assert.Equal(new PlateFacts { Index = 1, EstimatedPrintSeconds = 2772, FilamentGrams = 4.54 }, facts.Plates[0]);
        Assert.Equal(2772, facts.EstimatedPrintSeconds);
        Assert.Equal(4.54, facts.FilamentGrams);
        Assert.Equal(1523.40, facts.FilamentMillimetres);
        // The project has PLA and PETG slots; the plate prints with slot 1 only.
        Assert.Equal(["PLA"], facts.Materials);
        Assert.Equal("Bambu Lab P1S", facts.PrinterModel);
        Assert.Equal(0.4, facts.NozzleDiameter);
        Assert.Equal(0.2, facts.LayerHeight);
        Assert.Equal(40, facts.LayerCount);
        Assert.Equal("image/png", facts.ThumbnailType);
        Assert.Equal((64, 64), (thumbnail!.Width, thumbnail.Height));
    }
}
