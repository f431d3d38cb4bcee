namespace PrintFarm.Gateway.Cluster;

/// <summary>Says once at start how the gateway reaches the silos, so a plaintext cluster is never a surprise.</summary>
public sealed partial class GatewayTransportLog(GatewayTransport transport, IConfiguration configuration, ILogger<GatewayTransportLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (transport.Tls) LogTls(transport.Certificate ?? "");
        else if (string.Equals(configuration["Cluster:Membership"], "PostgreSql", StringComparison.OrdinalIgnoreCase)) LogPlaintextMembership();
        else LogPlaintextLoopback();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "The gateway reaches the silos over TLS with mutual authentication; it presents {Certificate}")]
    private partial void LogTls(string certificate);

    [LoggerMessage(Level = LogLevel.Information, Message = "The gateway reaches its silo on loopback without TLS")]
    private partial void LogPlaintextLoopback();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway reaches the silos WITHOUT TLS (Cluster:Tls:Enabled=false): safe only while every silo is on this machine (silos off loopback refuse plaintext unless Cluster:AllowPlaintextOffLoopback=true)")]
    private partial void LogPlaintextMembership();
}
