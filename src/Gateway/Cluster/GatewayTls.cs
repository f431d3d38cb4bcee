using System.ComponentModel.DataAnnotations;
using Orleans.Configuration;
using Orleans.Connections.Security;
using PrintFarm.Cluster;

namespace PrintFarm.Gateway.Cluster;

/// <summary>
/// The gateway's side of the cluster's mutual TLS (Cluster:Tls, the same settings the silos
/// read): it presents its own certificate to the silos and accepts a silo only when
/// <see cref="ClusterPeerCheck"/> does. A silo with TLS refuses a gateway without it.
/// </summary>
public static partial class GatewayTls
{
    public static IClientBuilder UseFarmTls(this IClientBuilder client, IConfiguration configuration)
    {
        var tls = Read(configuration);
        var clock = TimeProvider.System;
        var plaintext = new GatewayTransport(tls.Enabled, null);
        if (!tls.Enabled)
        {
            client.Services.AddSingleton(plaintext);
            client.Services.AddHostedService<GatewayTransportLog>();
            return client;
        }
        var certificate = ClusterCertificates.LoadOwn(tls, clock.GetUtcNow());
        var peers = new ClusterPeerCheck(ClusterCertificates.LoadAuthorities(tls), tls.PeerThumbprints, clock);
        client.Services.AddSingleton(plaintext with { Certificate = ClusterCertificates.Describe(certificate) });
        client.Services.AddHostedService<GatewayTransportLog>();
        // What UseTls(certificate, configure) does, with the host's logger for refused silos.
        client.Services.AddOptions<ClientConnectionOptions>().Configure<ILoggerFactory>((connections, loggers) =>
        {
            var refusals = loggers.CreateLogger("PrintFarm.Cluster.Tls");
            var options = new TlsOptions
            {
                LocalCertificate = certificate,
                RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
                ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
                HandshakeTimeout = tls.HandshakeTimeout,
                // Silos are dialled by IP address and only the cluster's CA may vouch for them:
                // the platform's verdict (machine trust store, host name) is replaced.
                RemoteCertificateValidation = (presented, chain, _) =>
                {
                    var problem = peers.Problem(presented, chain);
                    if (problem is not null) LogPeerRefused(refusals, problem);
                    return problem is null;
                },
            };
            connections.ConfigureConnection(connection => connection.UseClientTls(options));
        });
        return client;
    }

    /// <summary>Cluster:Tls, validated at start; throws naming the setting.</summary>
    internal static ClusterTlsOptions Read(IConfiguration configuration)
    {
        var tls = configuration.GetSection(ClusterTlsOptions.Section).Get<ClusterTlsOptions>() ?? new ClusterTlsOptions();
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(tls, new ValidationContext(tls), problems, validateAllProperties: true))
            throw new InvalidOperationException($"Invalid settings: {string.Join(" ", problems.Select(p => p.ErrorMessage))}");
        return tls;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a cluster connection: {Problem}")]
    private static partial void LogPeerRefused(ILogger logger, string problem);
}
