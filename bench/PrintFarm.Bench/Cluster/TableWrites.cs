namespace PrintFarm.Bench.Cluster;

/// <summary>One table's rows inserted, updated and deleted (pg_stat_user_tables), cumulative or over a window.</summary>
public sealed record TableWrites(string Table, long Inserted, long Updated, long Deleted)
{
    public long Rows => Inserted + Updated + Deleted;
}
