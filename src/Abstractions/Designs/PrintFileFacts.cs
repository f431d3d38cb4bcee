namespace PrintFarm.Designs;

/// <summary>
/// What the farm read from a design's file at intake: what the slicer wrote, never a guess. A
/// value the file does not carry is null, never zero.
/// </summary>
[GenerateSerializer, Alias("PrintFarm.PrintFileFacts")]
public sealed record PrintFileFacts
{
    [Id(0)] public required DesignFormat Format { get; init; }
    /// <summary>A mesh or an unsliced project: it can be ordered, but its jobs wait for an operator to attach a sliced file.</summary>
    [Id(1)] public bool NeedsSlicing { get; init; }
    /// <summary>"PrusaSlicer", "OrcaSlicer", "BambuStudio", "Cura"; null when the file does not say.</summary>
    [Id(2)] public string? Slicer { get; init; }
    [Id(3)] public string? SlicerVersion { get; init; }
    /// <summary>The slicer's estimate of the print (all plates together for a 3MF).</summary>
    [Id(4)] public double? EstimatedPrintSeconds { get; init; }
    [Id(5)] public double? FilamentGrams { get; init; }
    [Id(6)] public double? FilamentMillimetres { get; init; }
    /// <summary>Material types as the slicer names them ("PLA", "PETG"), one per filament used.</summary>
    [Id(7)] public IReadOnlyList<string> Materials { get; init; } = [];
    /// <summary>The printer model it was sliced for ("MK4S", "Bambu Lab P1S").</summary>
    [Id(8)] public string? PrinterModel { get; init; }
    [Id(9)] public double? NozzleDiameter { get; init; }
    [Id(10)] public double? LayerHeight { get; init; }
    [Id(11)] public int? LayerCount { get; init; }
    /// <summary>Sliced plates of a 3MF project; empty for other formats.</summary>
    [Id(12)] public IReadOnlyList<PlateFacts> Plates { get; init; } = [];
    /// <summary>The media type of the embedded thumbnail ("image/png"), or null when there is none the farm can show.</summary>
    [Id(13)] public string? ThumbnailType { get; init; }

    /// <summary>The plate count of a 3MF project.</summary>
    public int PlateCount => Plates.Count;
}
