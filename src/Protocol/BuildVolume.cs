namespace PrintFarm.Protocol;

/// <summary>
/// Millimetres. A dimension is null when the printer sent one that is not a number
/// ("NaN", "Infinity"): the volume is then unknown, and the rest of its status still counts.
/// </summary>
public sealed record BuildVolume(int? X, int? Y, int? Z);
