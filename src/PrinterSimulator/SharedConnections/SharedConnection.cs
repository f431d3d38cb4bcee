using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using PrintFarm.Protocol;

namespace PrintFarm.PrinterSimulator.SharedConnections;

/// <summary>
/// One MQTT connection carrying a shard of printers: it subscribes to each of their command
/// topics, announces each on its retained status topic, publishes their telemetry and delivers
/// their job events (QoS 1, kept until the broker acknowledged them). The farm sees the same
/// topics and payloads as from one connection per printer; only the per-printer last will is
/// missing (a clean stop still announces each printer offline).
/// </summary>
internal sealed class SharedConnection
{
    private const int TopicsPerSubscribe = 500;
    private const int StatusesInFlight = 200;
    private static readonly TimeSpan FarewellTimeout = TimeSpan.FromSeconds(20);

    private readonly string _clientId;
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _clientOptions;
    private readonly Backoff _backoff;
    private readonly ILogger _logger;
    private readonly SharedFleetCounters _counters;
    private readonly Dictionary<string, SimulatedPrinter> _byCommandTopic = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Topic, PrinterEventMessage Event)> _outbox = new();
    private TaskCompletionSource _sessionLost = NewSignal();
    private volatile bool _online;
    private volatile bool _stopping;
    private int _draining;
    private int _telemetryInFlight;
    private Task _run = Task.CompletedTask;

    public SharedConnection(string clientId, IReadOnlyList<SimulatedPrinter> printers, MqttClientFactory factory,
        string brokerHost, int brokerPort, Backoff backoff, SharedFleetCounters counters, ILogger logger)
    {
        _clientId = clientId;
        _backoff = backoff;
        Printers = printers;
        _counters = counters;
        _logger = logger;
        foreach (var printer in printers) _byCommandTopic[FarmTopics.For(printer.Id, FarmTopics.Commands)] = printer;
        _clientOptions = factory.CreateClientOptionsBuilder()
            .WithTcpServer(brokerHost, brokerPort)
            .WithClientId(clientId)
            .WithCleanSession()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(30))
            .Build();
        _client = factory.CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public IReadOnlyList<SimulatedPrinter> Printers { get; }

    /// <summary>Connected, subscribed and every printer announced online.</summary>
    public bool IsOnline => _online;

    public int PendingEvents => _outbox.Count;

    public void Start(CancellationToken stopping) => _run = RunAsync(stopping);

    /// <summary>Ticks the given printers of this shard and publishes their telemetry as one burst.</summary>
    public void Tick(int slice, int slices)
    {
        List<(string, byte[])>? telemetry = _online ? new(Printers.Count / slices + 1) : null;
        for (var i = slice; i < Printers.Count; i += slices)
        {
            var printer = Printers[i];
            var tick = printer.Tick();
            foreach (var evt in tick.Events) _outbox.Enqueue((FarmTopics.For(printer.Id, FarmTopics.Events), evt));
            telemetry?.Add((FarmTopics.For(printer.Id, FarmTopics.Telemetry), FarmJson.Serialize(tick.Telemetry)));
        }
        KickOutbox();
        if (telemetry is null || telemetry.Count == 0) return;
        // Lossy by design: if the last burst is still being written, this one is skipped.
        if (Interlocked.CompareExchange(ref _telemetryInFlight, 1, 0) != 0)
        {
            _counters.TelemetrySkipped(telemetry.Count);
            return;
        }
        _ = SendTelemetryAsync(telemetry);
    }

    public async Task StopAsync()
    {
        _stopping = true;
        try { await _run.ConfigureAwait(false); }
        catch (Exception ex) { _logger.LogDebug(ex, "{ClientId} connection loop ended with an error", _clientId); }

        if (_client.IsConnected)
        {
            using var timeout = new CancellationTokenSource(FarewellTimeout, _backoff.Clock);
            try
            {
                await DrainAsync(timeout.Token).ConfigureAwait(false);
                await AnnounceAsync(online: false, timeout.Token).ConfigureAwait(false);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder()
                    .WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _logger.LogWarning("{ClientId} could not say goodbye cleanly: {Error}", _clientId, ex.Message);
            }
        }
        _online = false;
        _client.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var lost = false;
        var reconnect = _backoff.Pipeline(onRetry: args =>
        {
            // One warning per outage: the loss was told as it happened.
            if (args.AttemptNumber == 0 && args.Outcome.Exception is { } error and not SessionLostException)
                _logger.LogWarning("{ClientId} cannot reach the broker ({Error}); retrying with backoff", _clientId, error.Message);
            return ValueTask.CompletedTask;
        });
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // One run per session, so the waits start again from the first delay after each success.
                await reconnect.ExecuteAsync(async ct =>
                {
                    if (lost)
                    {
                        lost = false;
                        throw new SessionLostException();
                    }
                    await TryConnectAsync(ct).ConfigureAwait(false);
                }, stopping).ConfigureAwait(false);
                KickOutbox();
                await _sessionLost.Task.WaitAsync(stopping).ConfigureAwait(false);
                lost = true;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            _online = false;
            if (_stopping) break;
        }
    }

    private async Task TryConnectAsync(CancellationToken stopping)
    {
        try
        {
            Volatile.Write(ref _sessionLost, NewSignal());
            await _client.ConnectAsync(_clientOptions, stopping).ConfigureAwait(false);
            // Subscribe before announcing, so a start sent in reply to "online" is not lost.
            foreach (var chunk in _byCommandTopic.Keys.Chunk(TopicsPerSubscribe))
            {
                var subscribe = new MqttClientSubscribeOptionsBuilder();
                foreach (var topic in chunk) subscribe.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
                await _client.SubscribeAsync(subscribe.Build(), stopping).ConfigureAwait(false);
            }
            await AnnounceAsync(online: true, stopping).ConfigureAwait(false);
            _online = _client.IsConnected;
        }
        catch (Exception) when (!stopping.IsCancellationRequested)
        {
            _online = false;
            if (_client.IsConnected)
            {
                try { await _client.DisconnectAsync(new MqttClientDisconnectOptions()).ConfigureAwait(false); }
                catch (Exception disconnect) { _logger.LogDebug(disconnect, "{ClientId} disconnect failed", _clientId); }
            }
            throw;
        }
    }

    /// <summary>Retained statuses for every printer of the shard, a bounded number in flight.</summary>
    private async Task AnnounceAsync(bool online, CancellationToken cancellationToken)
    {
        foreach (var chunk in Printers.Chunk(StatusesInFlight))
        {
            await Task.WhenAll(chunk.Select(p => PublishAsync(FarmTopics.For(p.Id, FarmTopics.Status),
                FarmJson.Serialize(online ? p.OnlineStatus() : p.OfflineStatus()),
                MqttQualityOfServiceLevel.AtLeastOnce, retain: true, cancellationToken))).ConfigureAwait(false);
        }
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        if (_online && !_stopping) _logger.LogWarning("{ClientId} lost the broker ({Reason}); printing continues", _clientId, e.Reason);
        _online = false;
        Volatile.Read(ref _sessionLost).TrySetResult();
        return Task.CompletedTask;
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (!_byCommandTopic.TryGetValue(message.Topic, out var printer)) return Task.CompletedTask;
        try
        {
            var payload = message.Payload;
            var command = payload.IsSingleSegment
                ? FarmJson.Deserialize<PrinterCommandMessage>(payload.FirstSpan)
                : FarmJson.Deserialize<PrinterCommandMessage>(payload.ToArray());
            var eventsTopic = FarmTopics.For(printer.Id, FarmTopics.Events);
            foreach (var evt in printer.Handle(command)) _outbox.Enqueue((eventsTopic, evt));
            _counters.Command();
            KickOutbox();
        }
        catch (Exception ex)
        {
            // Acknowledged anyway: redelivering what we cannot read will not make it readable.
            _logger.LogWarning("{PrinterId} ignored a command it could not handle: {Error}", printer.Id, ex.Message);
        }
        return Task.CompletedTask;
    }

    private void KickOutbox()
    {
        if (!_online || _outbox.IsEmpty) return;
        if (Interlocked.CompareExchange(ref _draining, 1, 0) != 0) return;
        // Off the caller's thread: it may be MQTTnet's receive loop, which must not wait for PUBACKs.
        _ = Task.Run(async () =>
        {
            try { await DrainAsync(CancellationToken.None).ConfigureAwait(false); }
            finally { Volatile.Write(ref _draining, 0); }
            if (!_outbox.IsEmpty && _client.IsConnected) KickOutbox();
        });
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (_client.IsConnected && _outbox.TryPeek(out var item))
            {
                await PublishAsync(item.Topic, FarmJson.Serialize(item.Event), MqttQualityOfServiceLevel.AtLeastOnce,
                    retain: false, cancellationToken).ConfigureAwait(false);
                // Only now is it the broker's; a lost PUBACK means a resend the farm counts once.
                _outbox.TryDequeue(out _);
                _counters.EventPublished();
            }
        }
        catch (Exception ex)
        {
            _logger.LogDebug("{ClientId} will retry {Pending} events later: {Error}", _clientId, _outbox.Count, ex.Message);
        }
    }

    private async Task SendTelemetryAsync(List<(string Topic, byte[] Payload)> burst)
    {
        try
        {
            foreach (var (topic, payload) in burst)
            {
                if (!_client.IsConnected) break;
                await PublishAsync(topic, payload, MqttQualityOfServiceLevel.AtMostOnce, retain: false, CancellationToken.None)
                    .ConfigureAwait(false);
                _counters.TelemetryPublished();
            }
        }
        catch (Exception ex)
        {
            _logger.LogDebug("{ClientId} dropped telemetry: {Error}", _clientId, ex.Message);
        }
        finally
        {
            Volatile.Write(ref _telemetryInFlight, 0);
        }
    }

    private async Task PublishAsync(string topic, byte[] payload, MqttQualityOfServiceLevel qos, bool retain,
        CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(qos)
            .WithRetainFlag(retain)
            .Build();
        await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
