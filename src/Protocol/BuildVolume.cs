namespace PrintFarm.Protocol;

/// <summary>Millimetres.</summary>
public sealed record BuildVolume(int X, int Y, int Z);
