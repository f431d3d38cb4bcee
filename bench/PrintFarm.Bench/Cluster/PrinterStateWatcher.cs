using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;
using PrintFarm.Protocol;

namespace PrintFarm.Bench.Cluster;

/// <summary>
/// Watches the telemetry of a few printers (the ones on the console page the bench watches) and
/// notes each message whose activity reads as a different tile state than the one before: the
/// moment the farm could first know of the change, on the printer's clock (the same machine's).
/// </summary>
public sealed class PrinterStateWatcher : IAsyncDisposable
{
    private readonly IMqttClient _client;
    // MQTTnet hands one client's messages over one at a time, but the reader asks from elsewhere.
    private readonly ConcurrentDictionary<string, string> _last = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<PrinterStateChange> _changes = new();
    private long _messages;

    private PrinterStateWatcher(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            try
            {
                if (!FarmTopics.TryParse(e.ApplicationMessage.Topic, out var printerId, out _)) return Task.CompletedTask;
                var payload = e.ApplicationMessage.Payload;
                var telemetry = FarmJson.Deserialize<PrinterTelemetryMessage>(payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray());
                Interlocked.Increment(ref _messages);
                if (telemetry.At is not { } at) return Task.CompletedTask;
                var state = TileStateOf(telemetry.Activity);
                // The first message only says where the printer stands; a change is a message after it.
                if (_last.TryGetValue(printerId, out var was) && was != state) _changes.Enqueue(new PrinterStateChange(printerId, state, at));
                _last[printerId] = state;
            }
            catch (Exception)
            {
                // Malformed telemetry is the farm's to count, not the bench's.
            }
            return Task.CompletedTask;
        };
    }

    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Every change seen so far, in the order the broker delivered them.</summary>
    public IReadOnlyList<PrinterStateChange> Changes() => [.. _changes];

    /// <summary>
    /// The tile state an activity shows for a printer online and not in maintenance or out of
    /// service (TileFacts.StateOf in the console): the part of the tile the telemetry decides.
    /// </summary>
    public static string TileStateOf(PrinterActivity activity) => activity switch
    {
        PrinterActivity.Error => "problem",
        PrinterActivity.Pausing or PrinterActivity.Paused => "paused",
        PrinterActivity.Printing or PrinterActivity.Preparing or PrinterActivity.Resuming or PrinterActivity.Cancelling => "printing",
        _ => "idle",
    };

    public static async Task<PrinterStateWatcher> Connect(string host, int port, IReadOnlyCollection<string> printerIds, CancellationToken cancellationToken)
    {
        var factory = new MqttClientFactory();
        var watcher = new PrinterStateWatcher(factory.CreateMqttClient());
        await watcher._client.ConnectAsync(factory.CreateClientOptionsBuilder().WithTcpServer(host, port)
            .WithClientId($"bench-console-states-{Environment.ProcessId}").WithCleanSession().Build(), cancellationToken);
        // One filter per printer rather than the wildcard: the bench should not deserialize the
        // whole fleet's telemetry on the machine it measures.
        var subscribe = factory.CreateSubscribeOptionsBuilder();
        foreach (var id in printerIds) subscribe.WithTopicFilter(FarmTopics.For(id, FarmTopics.Telemetry), MqttQualityOfServiceLevel.AtMostOnce);
        await watcher._client.SubscribeAsync(subscribe.Build(), cancellationToken);
        return watcher;
    }

    public async ValueTask DisposeAsync()
    {
        try { await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None); } catch (Exception) { }
        _client.Dispose();
    }
}
