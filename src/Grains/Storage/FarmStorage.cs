namespace PrintFarm;

/// <summary>The grain storage every PrintFarm grain persists to (SQLite by default, PostgreSQL in a cluster).</summary>
public static class FarmStorage
{
    public const string Name = "farm";
}
