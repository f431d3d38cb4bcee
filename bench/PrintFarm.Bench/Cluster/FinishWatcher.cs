using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;
using PrintFarm.Protocol;

namespace PrintFarm.Bench.Cluster;

/// <summary>
/// Sees each job's finish event on the broker (QoS 1, the printer's <c>events</c> topic): the
/// moment a job completed, as the farm could first know it.
/// </summary>
public sealed class FinishWatcher : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentDictionary<string, long> _finishedAt = new(StringComparer.Ordinal);

    private FinishWatcher(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var now = Stopwatch.GetTimestamp();
            try
            {
                var payload = e.ApplicationMessage.Payload;
                var evt = FarmJson.Deserialize<PrinterEventMessage>(payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray());
                if (evt.Type == PrinterEventType.JobFinished) _finishedAt.TryAdd(evt.JobId, now);
            }
            catch (Exception)
            {
                // Not ours to judge; the farm counts malformed events.
            }
            return Task.CompletedTask;
        };
    }

    /// <summary>Stopwatch timestamp at which the job's finish was seen, if it was.</summary>
    public long? FinishedAt(string jobId) => _finishedAt.TryGetValue(jobId, out var at) ? at : null;

    public static async Task<FinishWatcher> Connect(string host, int port, CancellationToken cancellationToken)
    {
        var factory = new MqttClientFactory();
        var watcher = new FinishWatcher(factory.CreateMqttClient());
        await watcher._client.ConnectAsync(factory.CreateClientOptionsBuilder().WithTcpServer(host, port)
            .WithClientId($"bench-finishes-{Environment.ProcessId}").WithCleanSession().Build(), cancellationToken);
        await watcher._client.SubscribeAsync(FarmTopics.AllPrinters(FarmTopics.Events), MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken);
        return watcher;
    }

    public async ValueTask DisposeAsync()
    {
        try { await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None); } catch (Exception) { }
        _client.Dispose();
    }
}
