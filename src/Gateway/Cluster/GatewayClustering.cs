using Orleans.Configuration;

namespace PrintFarm.Gateway.Cluster;

/// <summary>
/// How the gateway finds the silos, from the same <c>Cluster</c> settings the silos read:
/// <c>Membership=Localhost</c> dials one silo at <c>Cluster:GatewayPort</c>;
/// <c>Membership=PostgreSql</c> reads the live silos' gateways from the membership table
/// (<c>Cluster:ConnectionString</c>, else <c>Storage:ConnectionString</c>) and spreads over them.
/// </summary>
public static class GatewayClustering
{
    public static IClientBuilder UseFarmClustering(this IClientBuilder client, IConfiguration configuration)
    {
        client.UseFarmTls(configuration);
        var cluster = configuration.GetSection("Cluster");
        var membership = cluster["Membership"] ?? "Localhost";
        if (membership.Equals("Localhost", StringComparison.OrdinalIgnoreCase))
            return client.UseLocalhostClustering(cluster.GetValue("GatewayPort", 30000));
        if (!membership.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Unknown Cluster:Membership {membership}; use Localhost or PostgreSql.");

        var connectionString = cluster["ConnectionString"] ?? configuration["Storage:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("Cluster:Membership=PostgreSql needs Cluster:ConnectionString or Storage:ConnectionString (an Npgsql connection string).");
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster["ClusterId"] ?? "printfarm";
            o.ServiceId = cluster["ServiceId"] ?? "printfarm";
        });
        return client.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = connectionString;
        });
    }
}
