namespace PrintFarm.Bench.Estimates;

/// <summary>The simulated world: the farm, its customers, its carriers. Everything is fixed by the seed.</summary>
public sealed record EstimatesBenchSettings
{
    public int Printers { get; init; } = 200;
    public int Orders { get; init; } = 2000;
    /// <summary>Orders arrive over this many days; the run goes on until the last one is delivered.</summary>
    public double Days { get; init; } = 7;
    public int Seed { get; init; } = 42;

    /// <summary>A Monday, so the first orders meet a full shipping week.</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public double FailureRate { get; init; } = 0.05;
    public double ExpressShare { get; init; } = 0.10;
    public double PickupShare { get; init; } = 0.05;
    /// <summary>Spread (log-normal sigma) of one print's time around its model's hidden factor.</summary>
    public double PrintNoise { get; init; } = 0.08;
    /// <summary>Spread of the printer's own remaining-time report around the truth.</summary>
    public double TelemetryNoise { get; init; } = 0.05;
    public double TransitLateShare { get; init; } = 0.10;
    public double TransitEarlyShare { get; init; } = 0.05;

    public IReadOnlyList<string> Materials { get; init; } = ["PLA", "PETG", "ABS"];
    /// <summary>Share of printed items per material, and of printers loaded with it.</summary>
    public IReadOnlyList<double> MaterialShares { get; init; } = [0.55, 0.30, 0.15];
    /// <summary>Hidden factor per material on top of the model's: PETG and ABS run slower than sliced.</summary>
    public IReadOnlyList<double> MaterialFactors { get; init; } = [1.00, 1.08, 1.04];
    public double MultiMaterialShare { get; init; } = 0.30;

    /// <summary>Printer models and how much slower (>1) or faster than the slicer they really print.</summary>
    public IReadOnlyList<(string Model, double Factor)> PrinterModels { get; init; } =
        [("MK4", 0.92), ("X1C", 0.85), ("Ender-3 V3", 1.30), ("Voron 2.4", 0.97), ("MINI+", 1.15)];
}
