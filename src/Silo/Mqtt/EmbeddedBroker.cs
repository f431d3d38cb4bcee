using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace PrintFarm.Silo.Mqtt;

/// <summary>
/// The MQTT broker inside the silo for a single-machine farm (MQTTnet.Server). It keeps
/// persistent sessions so QoS 1 events wait for a silo that restarts. Started before the silo
/// so printers can connect as soon as the process is up.
/// </summary>
public sealed partial class EmbeddedBroker(IOptions<MqttOptions> options, ILogger<EmbeddedBroker> logger) : IHostedService, IAsyncDisposable
{
    private MqttServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Embedded) return;
        var address = IPAddress.TryParse(o.Host, out var ip) ? ip : IPAddress.Loopback;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(address)
            .WithDefaultEndpointPort(o.Port)
            .WithPersistentSessions()
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        await _server.StartAsync();
        LogStarted(address, o.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true }) await _server.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null) return;
        if (_server.IsStarted) await _server.StopAsync();
        _server.Dispose();
        _server = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Address}:{Port}")]
    private partial void LogStarted(IPAddress address, int port);
}
