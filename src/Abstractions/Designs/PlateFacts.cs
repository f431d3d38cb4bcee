namespace PrintFarm.Designs;

/// <summary>One sliced plate of a 3MF project: what the slicer said it takes.</summary>
[GenerateSerializer, Alias("PrintFarm.PlateFacts")]
public sealed record PlateFacts
{
    /// <summary>N of <c>Metadata/plate_N.gcode</c>: what the printer is told to print.</summary>
    [Id(0)] public required int Index { get; init; }
    [Id(1)] public double? EstimatedPrintSeconds { get; init; }
    [Id(2)] public double? FilamentGrams { get; init; }
}
