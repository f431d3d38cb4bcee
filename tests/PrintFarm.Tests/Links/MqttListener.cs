using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace PrintFarm.Tests.Links;

/// <summary>Records what the farm publishes to a printer (its commands), as the printer would receive them.</summary>
internal sealed class MqttListener : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    public ConcurrentQueue<(string Topic, string Payload)> Received { get; } = new();

    public static async Task<MqttListener> Start(int port, string filter, string? user = null, string? password = null, string? clientId = null)
    {
        var listener = new MqttListener();
        listener._client.ApplicationMessageReceivedAsync += e =>
        {
            listener.Received.Enqueue((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray())));
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId ?? $"listener-{Guid.NewGuid():N}"[..20]);
        if (user is not null) options.WithCredentials(user, password);
        await listener._client.ConnectAsync(options.Build());
        await listener._client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        return listener;
    }

    public Task<(string Topic, string Payload)> Next(Func<(string Topic, string Payload), bool> match, TimeSpan patience, string what) =>
        Eventually.Get(() => Task.FromResult(Received.FirstOrDefault(match)), m => m != default, patience, what);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
