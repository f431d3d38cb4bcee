namespace PrintFarm.Designs.Intake;

/// <summary>
/// What a sliced G-code says about itself: the slicer is identified from the header (PrusaSlicer
/// and its forks, then Bambu Studio, then Cura, the order Moonraker tries them in), then that
/// slicer's comments are read. G-code from a slicer not known here is taken with nothing read.
/// </summary>
public static class GCodeMetadata
{
    public static IntakeResult Read(GCodeText file)
    {
        PrintFileFacts facts;
        if (PrusaSlicerComments.Identify(file.Header) is var (name, version))
            facts = PrusaSlicerComments.Read(file, name, version);
        else if (BambuStudioComments.Identify(file.Header) is { } bambu)
            facts = BambuStudioComments.Read(file, bambu);
        else if (CuraComments.Identify(file.Header) is { } cura)
            facts = CuraComments.Read(file, cura);
        else
            facts = new PrintFileFacts { Format = DesignFormat.GCode };
        var thumbnail = GCodeThumbnails.Largest(file.Both);
        return new IntakeResult(facts with { ThumbnailType = thumbnail?.MediaType }, thumbnail);
    }
}
