using MQTTnet;
using MQTTnet.Protocol;
using PrintFarm.Protocol;

namespace PrintFarm.Bench.Cluster;

/// <summary>
/// A subscriber that does nothing with what it receives but count it: what the broker can
/// deliver to one client on this machine, the ceiling for the farm's own ingest.
/// </summary>
public sealed class IdleSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private long _received;

    private IdleSubscriber(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref _received);
            return Task.CompletedTask;
        };
    }

    public long Received => Interlocked.Read(ref _received);

    public static async Task<IdleSubscriber> Connect(string host, int port, CancellationToken cancellationToken)
    {
        var factory = new MqttClientFactory();
        var subscriber = new IdleSubscriber(factory.CreateMqttClient());
        await subscriber._client.ConnectAsync(factory.CreateClientOptionsBuilder().WithTcpServer(host, port)
            .WithClientId($"bench-idle-{Environment.ProcessId}").WithCleanSession().Build(), cancellationToken);
        await subscriber._client.SubscribeAsync(FarmTopics.AllPrinters(FarmTopics.Telemetry), MqttQualityOfServiceLevel.AtMostOnce, cancellationToken);
        return subscriber;
    }

    public async ValueTask DisposeAsync()
    {
        try { await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None); } catch (Exception) { }
        _client.Dispose();
    }
}
