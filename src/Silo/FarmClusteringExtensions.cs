using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using PrintFarm.Cluster;
using PrintFarm.Silo.Storage;

namespace PrintFarm.Silo;

public static class FarmClusteringExtensions
{
    /// <summary>
    /// Membership and reminders from the <c>Cluster</c> section. Localhost: one silo, reminders in
    /// memory (they live as long as the silo, which is all one silo needs). PostgreSql: Orleans
    /// ADO.NET membership and reminders, so silos find each other and a reminder outlives the
    /// silo that set it.
    /// </summary>
    public static ISiloBuilder UseFarmClustering(this ISiloBuilder silo, FarmClusterOptions cluster, IConfiguration configuration)
    {
        silo.UseFarmTransport(cluster, configuration);
        switch (cluster.Membership)
        {
            case ClusterMembership.Localhost:
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort);
                silo.UseInMemoryReminderService();
                break;
            case ClusterMembership.PostgreSql:
                var connectionString = ClusterConnectionString(cluster, configuration);
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = cluster.ServiceId;
                });
                // Bound to the advertised address only, unless told otherwise: a silo with a LAN
                // address is not thereby on every interface of its machine.
                silo.ConfigureEndpoints(AdvertisedAddress(cluster), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: cluster.ListenOnAnyAddress);
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = FarmStorageExtensions.PostgresInvariant;
                    o.ConnectionString = connectionString;
                });
                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = FarmStorageExtensions.PostgresInvariant;
                    o.ConnectionString = connectionString;
                });
                break;
            default:
                throw new InvalidOperationException($"Unknown Cluster:Membership {cluster.Membership}; use Localhost or PostgreSql.");
        }
        return silo;
    }

    /// <summary>
    /// TLS on the Orleans ports (Cluster:Tls), and the rule that a silo reachable from other
    /// machines does not start in plaintext unless Cluster:AllowPlaintextOffLoopback says so.
    /// Certificates are loaded here, so a bad path or password stops the silo at start.
    /// </summary>
    private static void UseFarmTransport(this ISiloBuilder silo, FarmClusterOptions cluster, IConfiguration configuration)
    {
        var tls = FarmClusterTlsExtensions.ReadTls(configuration);
        var clock = TimeProvider.System;
        // Localhost membership binds to loopback whatever the advertised address says.
        var bound = cluster.Membership == ClusterMembership.Localhost ? IPAddress.Loopback : AdvertisedAddress(cluster);
        var any = cluster.Membership == ClusterMembership.PostgreSql && cluster.ListenOnAnyAddress;
        string? described = null;
        if (tls.Enabled)
        {
            var certificate = ClusterCertificates.LoadOwn(tls, clock.GetUtcNow());
            described = ClusterCertificates.Describe(certificate);
            silo.UseFarmTls(tls, certificate, clock);
        }
        var transport = new ClusterTransport(any ? IPAddress.Any.ToString() : bound.ToString(), any || !IPAddress.IsLoopback(bound), tls.Enabled, described);
        if (transport.Refusal(cluster.AllowPlaintextOffLoopback) is { } refusal) throw new InvalidOperationException(refusal);
        silo.Services.AddSingleton(transport);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ClusterTransportLog>();
    }

    /// <summary>The membership database: Cluster:ConnectionString, else Storage:ConnectionString.</summary>
    public static string ClusterConnectionString(FarmClusterOptions cluster, IConfiguration configuration) =>
        FarmStorageExtensions.RequireConnectionString(
            cluster.ConnectionString ?? configuration[$"{StorageOptions.Section}:ConnectionString"],
            "Cluster:ConnectionString or Storage:ConnectionString", "Cluster:Membership=PostgreSql");

    /// <summary>
    /// Storage:CreateSchema=true: apply the schema to each PostgreSQL database in use before
    /// Orleans starts (registered before UseOrleans; hosted services start in order).
    /// </summary>
    public static void AddPostgresSchemaAtStart(this IHostApplicationBuilder builder, FarmClusterOptions cluster)
    {
        var storage = SettingsCheck.Read<StorageOptions>(builder.Configuration, StorageOptions.Section);
        if (!storage.CreateSchema) return;
        var databases = new HashSet<string>(StringComparer.Ordinal);
        if (storage.Provider == StorageProvider.PostgreSql)
            databases.Add(FarmStorageExtensions.RequireConnectionString(storage.ConnectionString, "Storage:ConnectionString", "Storage:Provider=PostgreSql"));
        if (cluster.Membership == ClusterMembership.PostgreSql) databases.Add(ClusterConnectionString(cluster, builder.Configuration));
        foreach (var database in databases)
        {
            builder.Services.AddSingleton<IHostedService>(sp =>
                new PostgresSchemaStartup(database, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PostgresSchemaStartup>>()));
        }
    }

    private static IPAddress AdvertisedAddress(FarmClusterOptions cluster)
    {
        if (cluster.AdvertisedAddress is null) return IPAddress.Loopback;
        if (IPAddress.TryParse(cluster.AdvertisedAddress, out var address)) return address;
        // A host name: the first IPv4 address it resolves to (what other silos will dial).
        return Dns.GetHostAddresses(cluster.AdvertisedAddress).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            ?? throw new InvalidOperationException($"Cluster:AdvertisedAddress {cluster.AdvertisedAddress} does not resolve to an IPv4 address.");
    }
}
