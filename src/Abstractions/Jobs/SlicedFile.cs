namespace PrintFarm.Jobs;

/// <summary>The sliced file an operator attached to a job whose design needed slicing, with what the file says.</summary>
[GenerateSerializer, Alias("PrintFarm.SlicedFile")]
public sealed record SlicedFile
{
    [Id(0)] public required Designs.PrintFileRef File { get; init; }
    [Id(1)] public required int EstimatedPrintSeconds { get; init; }
    /// <summary>Only printers of this model take the job from now on; null: any.</summary>
    [Id(2)] public string? PrinterModel { get; init; }
    [Id(3)] public double? MaterialGrams { get; init; }
    /// <summary>The order is on hold: the job stays held until the order is released.</summary>
    [Id(4)] public bool KeepHeld { get; init; }
}
