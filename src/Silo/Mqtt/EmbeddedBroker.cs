using System.Buffers;
using System.Net;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;
using PrintFarm.Printers;

namespace PrintFarm.Silo.Mqtt;

/// <summary>
/// The MQTT broker inside the silo for a single-machine farm (MQTTnet.Server). It keeps
/// persistent sessions so QoS 1 events wait for a silo that restarts. Started before the silo
/// so printers can connect as soon as the process is up.
/// </summary>
public sealed partial class EmbeddedBroker(IOptions<MqttOptions> options, IngressStats stats, ILogger<EmbeddedBroker> logger) : IHostedService, IAsyncDisposable
{
    private static readonly SearchValues<char> ForbiddenInTopicNames = SearchValues.Create("+#\0");

    /// <summary>A topic name can be 65,535 bytes; a log line needs far less to name it.</summary>
    private const int MaxLoggedTopic = 200;

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
        _server.InterceptingPublishAsync += RefuseForbiddenTopic;
        await _server.StartAsync();
        LogStarted(address, o.Port);
    }

    /// <summary>
    /// MQTT forbids the wildcards '+' and '#' and U+0000 in a topic name, and a receiver of such
    /// a PUBLISH must close the network connection (3.1.1 §1.5.3, §3.3.2.1, §4.7.1; 5.0 §1.5.4,
    /// §3.3.2.1, §4.7.3). MQTTnet's server delivers it like any other message, to subscribers
    /// whose filters then match a topic nobody can own. The publisher is broken or hostile, so
    /// it goes; other clients never see the message.
    /// </summary>
    private Task RefuseForbiddenTopic(InterceptingPublishEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (topic is null || topic.AsSpan().IndexOfAny(ForbiddenInTopicNames) < 0) return Task.CompletedTask;
        e.ProcessPublish = false;
        e.CloseConnection = true;
        stats.CountForbiddenTopic();
        LogForbiddenTopic(e.ClientId, Printable(topic));
        return Task.CompletedTask;
    }

    /// <summary>The topic goes into a log line: no control characters (the NUL, a forged new line) and not all of a long one.</summary>
    private static string Printable(string topic)
    {
        var shown = topic.AsSpan(0, Math.Min(topic.Length, MaxLoggedTopic));
        var text = new StringBuilder(shown.Length + 8);
        foreach (var c in shown)
        {
            if (char.IsControl(c)) text.Append($"\\u{(int)c:X4}");
            else text.Append(c);
        }
        if (topic.Length > MaxLoggedTopic) text.Append('…');
        return text.ToString();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closed the MQTT connection of client {ClientId}: it published to {Topic}, and a topic name may not hold '+', '#' or NUL")]
    private partial void LogForbiddenTopic(string clientId, string topic);
}
