namespace PrintFarm.Bench.Estimates;

/// <summary>What the farm learned for one printer model and material, beside the hidden truth.</summary>
public sealed record LearnedFactorReport(string Model, string Material, double Learned, double Hidden);
