using PrintFarm.Designs;
using PrintFarm.Designs.Intake;

namespace PrintFarm.Tests.Designs;

[Trait("Category", "Unit")]
public sealed class SlicerCommentsTests
{
    /// <summary>The first lines of a real Bambu Studio 02.04.00.70 plate (shared/FILES.md §1.3), with a config block.</summary>
    private const string BambuPlate = """
        ; HEADER_BLOCK_START
        ; BambuStudio 02.04.00.70
        ; model printing time: 28m 33s; total estimated time: 35m 46s
        ; total layer number: 25
        ; total filament length [mm] : 566.75,466.68
        ; total filament volume [cm^3] : 1363.19,1122.49
        ; total filament weight [g] : 1.66,1.41
        ; filament_density: 1.22,1.04,1.26,1.26
        ; max_z_height: 5.00
        ; filament: 1,4
        ; HEADER_BLOCK_END

        ; CONFIG_BLOCK_START
        ; filament_type = TPU;ABS;PLA;PLA
        ; nozzle_diameter = 0.4
        ; layer_height = 0.2
        ; printer_model = Bambu Lab X1 Carbon
        ; CONFIG_BLOCK_END
        G28
        G1 X10 Y10 F3000

        """;

    [Fact]
    public void A_Bambu_Studio_plate_sums_its_filaments_and_picks_materials_by_slot_number()
    {
        var facts = GCodeMetadata.Read(GCodeText.Of(BambuPlate)).Facts;

        Assert.Equal("BambuStudio", facts.Slicer);
        Assert.Equal("02.04.00.70", facts.SlicerVersion);
        Assert.Equal(35 * 60 + 46, facts.EstimatedPrintSeconds); // the total, preparation included
        Assert.Equal(3.07, facts.FilamentGrams!.Value, 6);
        Assert.Equal(1033.43, facts.FilamentMillimetres!.Value, 6);
        Assert.Equal(["TPU", "PLA"], facts.Materials); // slots 1 and 4, not the first two
        Assert.Equal("Bambu Lab X1 Carbon", facts.PrinterModel);
        Assert.Equal(0.4, facts.NozzleDiameter);
        Assert.Equal(0.2, facts.LayerHeight);
        Assert.Equal(25, facts.LayerCount);
    }

    [Fact]
    public void A_Bambu_Studio_header_that_never_ends_is_refused()
    {
        var cut = BambuPlate[..BambuPlate.IndexOf("; filament:", StringComparison.Ordinal)];
        Assert.Throws<DesignRefusedException>(() => GCodeMetadata.Read(GCodeText.Of(cut)));
    }

    [Fact]
    public void Cura_without_an_estimate_writes_6666_which_is_unknown()
    {
        var facts = GCodeMetadata.Read(GCodeText.Of(";FLAVOR:Marlin\n;TIME:6666\n;Generated with Cura_SteamEngine 5.7.1\nG28\n;End of Gcode\n")).Facts;
        Assert.Null(facts.EstimatedPrintSeconds);
    }

    [Fact]
    public void G_code_from_a_slicer_not_known_here_is_taken_with_nothing_read()
    {
        var facts = GCodeMetadata.Read(GCodeText.Of("G28\nG1 X10 Y10 E1\n")).Facts;
        Assert.Equal(new PrintFileFacts { Format = DesignFormat.GCode }.Slicer, facts.Slicer);
        Assert.Null(facts.EstimatedPrintSeconds);
        Assert.Null(facts.FilamentGrams);
    }

    [Theory]
    [InlineData("3m 41s", 221)]
    [InlineData("20s", 20)]
    [InlineData("1d 2h 3m 4s", 93784)]
    [InlineData("2h 0m", 7200)]
    public void Slicer_durations_are_summed_unit_by_unit(string text, double seconds)
    {
        Assert.Equal(seconds, SlicerDuration.Seconds(text));
    }

    [Fact]
    public void A_thumbnail_whose_length_is_not_what_it_announces_is_skipped()
    {
        var good = SampleFiles.Intake(SampleFiles.Bytes(SampleFiles.PrusaSlicer)).Thumbnail!;
        var base64 = Convert.ToBase64String(good.Bytes);
        var text = $"; thumbnail begin 48x32 {base64.Length + 4}\n; {base64}\n; thumbnail end\n";
        Assert.Null(GCodeThumbnails.Largest(text));
        Assert.NotNull(GCodeThumbnails.Largest(text.Replace($" {base64.Length + 4}\n", $" {base64.Length}\n")));
    }
}
