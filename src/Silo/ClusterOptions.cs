namespace PrintFarm.Silo;

/// <summary>Bound from configuration section <c>Cluster</c>: how this silo finds the others.</summary>
public sealed class FarmClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>Localhost: one silo on this machine. PostgreSql: every silo and gateway meets in the membership table.</summary>
    public ClusterMembership Membership { get; set; } = ClusterMembership.Localhost;

    /// <summary>Silos and gateways with the same cluster id form one cluster (one deployment).</summary>
    public string ClusterId { get; set; } = "printfarm";

    /// <summary>Stays the same across deployments; grain state and reminders are keyed by it.</summary>
    public string ServiceId { get; set; } = "printfarm";

    /// <summary>
    /// The address other silos and gateways reach this silo at (PostgreSql membership), and the
    /// only one it listens on. Default 127.0.0.1, right for a cluster on one machine; set it to
    /// the host's own address otherwise (and turn on <c>Cluster:Tls</c>).
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// Listen on every interface instead of the advertised address only: for a silo behind NAT or
    /// in a container whose advertised address is not its own. Counts as off loopback.
    /// </summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>
    /// A silo reachable off loopback refuses to start without <c>Cluster:Tls</c>: anyone who
    /// reaches an Orleans port could call any grain. True lets it start in plaintext anyway (a
    /// network you control end to end); it is logged as a warning at every start.
    /// </summary>
    public bool AllowPlaintextOffLoopback { get; set; }

    /// <summary>The membership and reminders database; <c>Storage:ConnectionString</c> when unset.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Silo-to-silo port.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 65535, ErrorMessage = "Cluster:SiloPort must be between {1} and {2}.")]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Where gateways (Orleans clients) connect.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 65535, ErrorMessage = "Cluster:GatewayPort must be between {1} and {2}.")]
    public int GatewayPort { get; set; } = 30000;
}
