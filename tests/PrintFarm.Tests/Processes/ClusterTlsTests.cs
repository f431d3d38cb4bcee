using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PrintFarm.Gateway.Cluster;
using Orleans.Runtime.Messaging;
using PrintFarm.Health;

namespace PrintFarm.Tests.Processes;

/// <summary>
/// Two silo processes and a gateway process on PostgreSQL membership, all speaking Orleans'
/// mutual TLS with certificates from the farm's private CA: the silos form one cluster, the
/// gateway serves orders through it, and an Orleans client that is not one of the cluster's (no
/// TLS, or a certificate from another CA) cannot call a grain.
/// </summary>
[Trait("Category", "Processes")]
[Collection(ProcessFarm.Collection)]
public sealed class ClusterTlsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_TLS_cluster_serves_orders_and_a_client_without_a_certificate_of_its_CA_cannot_call_a_grain()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var farm = await ProcessFarm.StartOnPostgres("cluster-tls");
        farm.StartSilo();
        farm.StartSilo();
        await farm.StartGateway();

        // Silo to silo over TLS: both are active in the membership table (each has probed the other).
        await Eventually.Get(() => ActiveSilos(farm), n => n == 2, TimeSpan.FromMinutes(3), "both silos active in the membership table");
        foreach (var silo in farm.Silos) Assert.Contains("use TLS with mutual authentication", silo.ReadLog());
        Assert.Contains(farm.GatewayLogs(), log => log.Contains("reaches the silos over TLS with mutual authentication"));

        // The gateway over TLS: an order goes all the way in.
        var reference = await BrokerRestartTests.PlaceOrder(farm);
        Assert.False(string.IsNullOrEmpty(reference));

        // An Orleans client of the cluster's own CA calls a grain; that is what the two below lack.
        var trusted = farm.Certificates.Issue("trusted-client").ClusterSettings;
        Assert.False(string.IsNullOrEmpty(await Ping(farm, trusted, cancel)));

        // No TLS at all: the silo's gateway port speaks nothing else.
        await Assert.ThrowsAsync<ConnectionFailedException>(() => Ping(farm, new Dictionary<string, string>(), cancel));
        // TLS, trusting the cluster's CA, but with a certificate from another CA: refused by the silo.
        var stranger = farm.Certificates.IssueFromStranger("stranger").ClusterSettings;
        await Assert.ThrowsAsync<ConnectionFailedException>(() => Ping(farm, stranger, cancel));
        Assert.Contains(farm.Silos, s => s.ReadLog().Contains("Refused a cluster connection: the certificate CN=stranger is not issued by Cluster:Tls:CaPath"));
    }

    private static async Task<int> ActiveSilos(ProcessFarm farm)
    {
        await using var connection = new NpgsqlConnection(farm.Database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @id AND status = 3", connection);
        command.Parameters.AddWithValue("id", farm.ClusterId!);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    /// <summary>An Orleans client wired as the gateway wires its own (GatewayClustering), with the given TLS settings, calling one grain.</summary>
    private static async Task<string> Ping(ProcessFarm farm, IReadOnlyDictionary<string, string> tls, CancellationToken cancel)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(farm.SharedSettings.Concat(tls).Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value)));
        builder.Logging.ClearProviders();
        // One try: a client the silos refuse fails at start instead of trying again for ever.
        builder.UseOrleansClient(client => client.UseFarmClustering(builder.Configuration).UseConnectionRetryFilter((_, _) => Task.FromResult(false)));
        using var host = builder.Build();
        try
        {
            await host.StartAsync(cancel).WaitAsync(Patience, cancel);
            return await host.Services.GetRequiredService<IClusterClient>().GetGrain<IHealthGrain>(0).Ping().WaitAsync(Patience, cancel);
        }
        finally
        {
            try { await host.StopAsync(CancellationToken.None); } catch (Exception) { /* a client that never connected */ }
        }
    }
}
