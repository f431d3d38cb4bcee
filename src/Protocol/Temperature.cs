namespace PrintFarm.Protocol;

public sealed record Temperature(double Actual, double Target);
