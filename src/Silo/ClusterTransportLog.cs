using Microsoft.Extensions.Logging;

namespace PrintFarm.Silo;

/// <summary>
/// Says at every start how the Orleans ports are exposed: loudly when they are reachable from
/// other machines in plaintext (Cluster:AllowPlaintextOffLoopback), so nobody forgets it is on.
/// </summary>
public sealed partial class ClusterTransportLog(ClusterTransport transport, ILogger<ClusterTransportLog> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ClusterTransportLog), ServiceLifecycleStage.RuntimeInitialize, _ =>
        {
            if (transport.Tls) LogTls(transport.ListensOn, transport.Certificate ?? "");
            else if (transport.OffLoopback) LogPlaintextOffLoopback(transport.ListensOn);
            else LogPlaintextLoopback(transport.ListensOn);
            return Task.CompletedTask;
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Orleans ports on {Address} use TLS with mutual authentication; this silo presents {Certificate}")]
    private partial void LogTls(string address, string certificate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Orleans ports on {Address} (loopback only) without TLS: only processes on this machine can reach them")]
    private partial void LogPlaintextLoopback(string address);

    [LoggerMessage(Level = LogLevel.Critical, Message = "INSECURE: Orleans ports listen on {Address} WITHOUT TLS (Cluster:AllowPlaintextOffLoopback=true). Anyone who reaches them can call any grain and read printers' access codes. Turn on Cluster:Tls (deploy/README.md)")]
    private partial void LogPlaintextOffLoopback(string address);
}
