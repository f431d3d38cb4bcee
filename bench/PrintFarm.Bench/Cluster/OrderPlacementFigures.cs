namespace PrintFarm.Bench.Cluster;

/// <summary>
/// The open orders placed at the printer steps (through the gateway, <see cref="Concurrency"/>
/// at once), beside the database's ceiling for the grain-storage upsert, and what PostgreSQL
/// wrote while they were placed.
/// </summary>
/// <param name="Writes">PostgreSQL's writes over the placement windows of every step; null without PostgreSQL.</param>
/// <param name="AskedToWait">503s with Retry-After (the farm's database behind), each waited out and sent again.</param>
public sealed record OrderPlacementFigures(long Placed, long Refused, double Seconds, int Concurrency,
    PostgresWriteWindow? Writes, DatabaseCeilingFigures Ceiling, long AskedToWait = 0)
{
    /// <summary>The bound: placing orders at half the rate the database takes single upserts.</summary>
    public const double TargetRatio = 0.5;

    public double? OrdersPerSecond => Seconds > 0 && Placed > 0 ? Placed / Seconds : null;
    public double? CeilingRatio => OrdersPerSecond is { } o && Ceiling.UpsertsPerSecond is > 0 and var c ? o / c : null;
    public double? RowsPerOrder => Writes is { } w && Placed > 0 ? w.Rows / (double)Placed : null;
    public double? CommitsPerOrder => Writes is { } w && Placed > 0 ? w.Commits / (double)Placed : null;
}
