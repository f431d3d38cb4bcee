namespace PrintFarm.Protocol;

/// <summary>
/// Degrees Celsius. Read from a printer, either part may be NaN or infinite (it sent "NaN"):
/// <c>FarmProtocolAdapter</c> drops such a part, so the other one and the rest of the message still count.
/// </summary>
public sealed record Temperature(double Actual, double Target);
