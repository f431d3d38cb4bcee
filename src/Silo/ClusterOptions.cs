namespace PrintFarm.Silo;

/// <summary>Bound from configuration section <c>Cluster</c>: how this silo finds the others.</summary>
public sealed class FarmClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Where gateways (Orleans clients) connect.</summary>
    public int GatewayPort { get; set; } = 30000;
}
