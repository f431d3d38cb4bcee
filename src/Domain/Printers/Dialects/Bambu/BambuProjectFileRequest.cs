namespace PrintFarm.Printers.Dialects;

/// <summary>Start a print of a 3MF already uploaded to the printer (PROTOCOLS.md §1.7).</summary>
public sealed record BambuProjectFileRequest
{
    /// <summary>Becomes <c>subtask_name</c>, which the adapter reads back as the job id.</summary>
    public required string JobId { get; init; }
    /// <summary>Path of the 3MF on the printer's storage, e.g. <c>job-42.3mf</c>.</summary>
    public required string FileName { get; init; }
    public int Plate { get; init; } = 1;
    /// <summary>X1/P1/A1 families take <c>file:///sdcard/…</c>; newer models <c>ftp:///…</c>.</summary>
    public bool LegacySdcardUrl { get; init; } = true;
    public bool UseAms { get; init; }
    public IReadOnlyList<int> AmsMapping { get; init; } = [0];
    public bool Timelapse { get; init; }
    public bool BedLevelling { get; init; } = true;
    public bool FlowCalibration { get; init; } = true;
    public bool VibrationCalibration { get; init; } = true;
    public bool LayerInspect { get; init; }
    public string BedType { get; init; } = "auto";
}
