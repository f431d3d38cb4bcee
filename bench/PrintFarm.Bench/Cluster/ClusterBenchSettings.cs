namespace PrintFarm.Bench.Cluster;

/// <summary>What <c>./farm bench</c> (the cluster benchmark) runs.</summary>
public sealed record ClusterBenchSettings
{
    /// <summary>Simulated printers at 1 Hz.</summary>
    public int Printers { get; init; } = 1000;
    /// <summary>The steady window over which ingest and latency are measured.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    public int Silos { get; init; } = 1;
    /// <summary>Orders placed through the gateway while the printers run.</summary>
    public int Orders { get; init; } = 2000;
    /// <summary>Orders followed on their SSE stream from placement to the end of printing.</summary>
    public int FollowedOrders { get; init; } = 40;
    /// <summary>How long the broker is flooded to find what it (and the farm) can take.</summary>
    public TimeSpan FloodDuration { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>The dispatcher phase: this many jobs queued for a material no printer has, then this many printers that have it.</summary>
    public int DispatchJobs { get; init; } = 10_000;
    public int DispatchPrinters { get; init; } = 1000;
    /// <summary>MQTT connections the simulator shares its printers over.</summary>
    public int Connections { get; init; } = 0;
    public int Seed { get; init; } = 42;
    /// <summary>The memory steps: percentages of <see cref="Printers"/> online at each (the last step is always all of them).</summary>
    public IReadOnlyList<int> StepPercents { get; init; } = PrinterStepPlan.DefaultPercents;
    /// <summary>Open orders (long prints that wait in the queue) per online printer at each step; 0 places none.</summary>
    public int OpenOrdersPerPrinter { get; init; } = 10;
    /// <summary>Open orders placed at once.</summary>
    public int OpenOrderConcurrency { get; init; } = 32;
    /// <summary>How long the database's grain-storage upsert ceiling is measured (PostgreSQL only; zero skips it).</summary>
    public TimeSpan DatabaseCeilingDuration { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>
    /// After the last step, how long the bench waits before reading memory once more: long enough
    /// for waiting orders and jobs to leave memory (Activations:OrderIdleAfter and JobIdleAfter, 2
    /// min, plus Orleans' collection quantum of a minute). 0 skips the reading.
    /// </summary>
    public TimeSpan SettleDuration { get; init; } = TimeSpan.FromMinutes(3.5);
    /// <summary>Storage: "Sqlite" or "PostgreSql" (a private instance).</summary>
    public string Storage { get; init; } = "PostgreSql";
    public string Output { get; init; } = "";
    /// <summary>Where the run's logs and data go; .farm/bench/cluster-runs/{time} when unset.</summary>
    public string? RunDirectory { get; init; }

    public int EffectiveConnections => Connections > 0 ? Connections : Math.Clamp(Printers / 500, 1, 40);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Printers is < 1 or > 100_000) errors.Add("--printers must be between 1 and 100000.");
        if (Duration < TimeSpan.FromSeconds(5)) errors.Add("--duration must be at least 5 seconds.");
        if (Silos < 1) errors.Add("--silos must be at least 1.");
        if (Orders < 0) errors.Add("--orders must be 0 or more.");
        if (FollowedOrders < 0 || FollowedOrders > 500) errors.Add("--follow must be between 0 and 500.");
        if (DispatchJobs < 0 || DispatchPrinters < 0) errors.Add("--dispatch-jobs and --dispatch-printers must be 0 or more.");
        if (StepPercents.Any(p => p is < 1 or > 100)) errors.Add("--steps are percentages of --printers, each between 1 and 100.");
        if (!PrinterStepPlan.IdsAreValid(PrinterStepPlan.For(Printers, StepPercents))) errors.Add("--steps make more simulators than printer ids allow.");
        if (OpenOrdersPerPrinter is < 0 or > 100) errors.Add("--open-orders-per-printer must be between 0 and 100.");
        if (OpenOrderConcurrency is < 1 or > 256) errors.Add("--open-order-concurrency must be between 1 and 256.");
        if (DatabaseCeilingDuration < TimeSpan.Zero) errors.Add("--db-ceiling must be 0 or more seconds.");
        if (SettleDuration < TimeSpan.Zero) errors.Add("--settle must be 0 or more seconds.");
        if (Connections < 0) errors.Add("--connections must be 0 or more.");
        if (Storage is not ("Sqlite" or "PostgreSql" or "Memory")) errors.Add("--storage must be PostgreSql, Sqlite or Memory.");
        if (Silos > 1 && Storage != "PostgreSql") errors.Add("--silos above 1 needs --storage PostgreSql (cluster membership lives there).");
        return errors;
    }
}
