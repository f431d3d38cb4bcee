namespace PrintFarm.Designs;

/// <summary>
/// The file a job prints: its address in the design store and what a printer needs to know to
/// take it (the format names the file on the printer, the plate is what a 3MF project prints).
/// </summary>
[GenerateSerializer, Alias("PrintFarm.PrintFileRef")]
public sealed record PrintFileRef
{
    [Id(0)] public required string Sha256 { get; init; }
    [Id(1)] public required DesignFormat Format { get; init; }
    [Id(2)] public required long Size { get; init; }
    /// <summary>N of <c>Metadata/plate_N.gcode</c> for a sliced 3MF project; null for other formats.</summary>
    [Id(3)] public int? Plate { get; init; }

    /// <summary>The extension a printer recognises the file by: firmware and hosts go by the name.</summary>
    public string Extension => Format switch
    {
        DesignFormat.GCode => "gcode",
        DesignFormat.BinaryGCode => "bgcode",
        DesignFormat.SlicedThreeMf => "gcode.3mf",
        DesignFormat.UltiMakerPackage => "ufp",
        _ => throw new InvalidOperationException($"A {Format} file is not printable; it needs slicing first."),
    };

    /// <summary>The file's name on the printer: the job id, so the dialect adapters read the job back from what the printer reports.</summary>
    public string FileNameFor(string jobId) => $"{jobId}.{Extension}";
}
