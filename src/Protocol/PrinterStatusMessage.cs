namespace PrintFarm.Protocol;

/// <summary>
/// Published retained on <c>status</c> when a printer connects, and set as its last will with
/// <see cref="Online"/> false so the broker announces it when the printer drops.
/// Capabilities may be absent from the will.
/// </summary>
public sealed record PrinterStatusMessage
{
    public required bool Online { get; init; }
    public string? Model { get; init; }
    /// <summary>FDM, SLA, SLS…</summary>
    public string? Technology { get; init; }
    /// <summary>Materials loaded or accepted, e.g. PLA, PETG.</summary>
    public IReadOnlyList<string>? Materials { get; init; }
    public BuildVolume? BuildVolume { get; init; }
    public double? NozzleDiameter { get; init; }
    public string? Firmware { get; init; }
    public DateTimeOffset? At { get; init; }
}
