using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Connections.Security;
using PrintFarm.Cluster;

namespace PrintFarm.Silo;

/// <summary>
/// Orleans' own TLS (Microsoft.Orleans.Connections.Security) on the silo-to-silo and gateway
/// ports, both ways: this silo presents its certificate to every peer and demands one back,
/// accepted only by <see cref="ClusterPeerCheck"/> (the cluster's CA or pinned thumbprints).
/// </summary>
public static class FarmClusterTlsExtensions
{
    public static ISiloBuilder UseFarmTls(this ISiloBuilder silo, ClusterTlsOptions tls, X509Certificate2 certificate, TimeProvider clock)
    {
        var peers = new ClusterPeerCheck(ClusterCertificates.LoadAuthorities(tls), tls.PeerThumbprints, clock);
        // What UseTls(certificate, configure) does, with the host's logger for refused peers
        // (UseTls builds its options before there is one).
        silo.Services.AddOptions<SiloConnectionOptions>().Configure<ILoggerFactory>((connections, loggers) =>
        {
            var options = new TlsOptions { LocalCertificate = certificate };
            Configure(options, tls, peers, loggers.CreateLogger("PrintFarm.Cluster.Tls"));
            connections.ConfigureSiloInboundConnection(connection => connection.UseServerTls(options));
            connections.ConfigureGatewayInboundConnection(connection => connection.UseServerTls(options));
            connections.ConfigureSiloOutboundConnection(connection => connection.UseClientTls(options));
        });
        return silo;
    }

    /// <summary>The same TLS settings for the silo (either end) and the gateway's Orleans client.</summary>
    public static void Configure(TlsOptions options, ClusterTlsOptions tls, ClusterPeerCheck peers, ILogger rejections)
    {
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.HandshakeTimeout = tls.HandshakeTimeout;
        // The platform's verdict (machine trust store, host name) is replaced, not added to:
        // peers are dialled by IP address and only the cluster's CA may vouch for them.
        options.RemoteCertificateValidation = (certificate, chain, _) =>
        {
            var problem = peers.Problem(certificate, chain);
            if (problem is not null) ClusterTlsLog.PeerRefused(rejections, problem);
            return problem is null;
        };
    }

    /// <summary>Cluster:Tls, validated; throws naming the setting.</summary>
    public static ClusterTlsOptions ReadTls(IConfiguration configuration) =>
        SettingsCheck.Read<ClusterTlsOptions>(configuration, ClusterTlsOptions.Section);
}
