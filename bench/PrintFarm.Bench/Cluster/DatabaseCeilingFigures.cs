namespace PrintFarm.Bench.Cluster;

/// <summary>Grain-storage upserts per second the bench's PostgreSQL took on its own (see <see cref="DatabaseCeiling"/>).</summary>
public sealed record DatabaseCeilingFigures(double? UpsertsPerSecond, long Upserts, int Concurrency, int PoolSize, double Seconds, string? Problem)
{
    public static DatabaseCeilingFigures NotMeasured(string why) => new(null, 0, 0, 0, 0, why);
}
