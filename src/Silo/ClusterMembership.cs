namespace PrintFarm.Silo;

/// <summary>How silos and gateways find each other.</summary>
public enum ClusterMembership
{
    /// <summary>One silo on this machine, found at its fixed ports; reminders in memory.</summary>
    Localhost,
    /// <summary>Orleans ADO.NET membership and reminders in PostgreSQL: a real cluster of silos.</summary>
    PostgreSql,
}
