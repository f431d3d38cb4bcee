using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using PrintFarm.Protocol;

namespace PrintFarm.PrinterSimulator;

/// <summary>
/// The network side of one simulated printer: keeps an MQTT session to the broker (last will,
/// retained status, command subscription), reconnects with backoff when the broker goes away,
/// and holds job events in an outbox until the broker has acknowledged them.
/// </summary>
/// <remarks>
/// Network waits (backoff, flush, goodbye) run on the backoff's clock, not the printer's: MQTTnet's
/// own timeouts are real time, and a test driving the printers with a fake clock still needs them
/// to connect.
/// </remarks>
internal sealed class PrinterConnection : IPrinterLink
{
    private static readonly TimeSpan FarewellTimeout = TimeSpan.FromSeconds(5);

    private readonly SimulatedPrinter _printer;
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _clientOptions;
    private readonly SemaphoreSlim _connectGate;
    private readonly Backoff _backoff;
    private readonly ILogger _logger;
    private readonly string _statusTopic;
    private readonly string _telemetryTopic;
    private readonly string _eventsTopic;
    private readonly string _commandsTopic;

    // Events wait here until the broker acknowledged them; a printer keeps printing (and
    // producing events) while the broker is unreachable.
    private readonly ConcurrentQueue<PrinterEventMessage> _outbox = new();

    private TaskCompletionSource _sessionLost = NewSignal();
    private volatile bool _online;
    private volatile bool _stopping;
    private int _draining;
    private int _telemetryInFlight;
    private Task _run = Task.CompletedTask;

    public PrinterConnection(SimulatedPrinter printer, MqttClientFactory factory, string brokerHost, int brokerPort,
        SemaphoreSlim connectGate, Backoff backoff, ILogger logger, string? password = null)
    {
        _printer = printer;
        _connectGate = connectGate;
        _backoff = backoff;
        _logger = logger;
        _statusTopic = FarmTopics.For(printer.Id, FarmTopics.Status);
        _telemetryTopic = FarmTopics.For(printer.Id, FarmTopics.Telemetry);
        _eventsTopic = FarmTopics.For(printer.Id, FarmTopics.Events);
        _commandsTopic = FarmTopics.For(printer.Id, FarmTopics.Commands);

        var builder = factory.CreateClientOptionsBuilder()
            .WithTcpServer(brokerHost, brokerPort)
            .WithClientId(printer.Id)
            .WithCleanSession()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(_statusTopic)
            .WithWillPayload(FarmJson.Serialize(new PrinterStatusMessage { Online = false }))
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillRetain();
        // The farm's broker knows a printer by its id (the username) and the password the farm gave it.
        if (password is not null) builder.WithCredentials(printer.Id, password);
        _clientOptions = builder.Build();

        _client = factory.CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public SimulatedPrinter Printer => _printer;

    /// <summary>Connected, subscribed and announced online.</summary>
    public bool IsOnline => _online;

    public int PendingEvents => _outbox.Count;

    public void Start(CancellationToken stopping) => _run = RunAsync(stopping);

    /// <summary>Called by the fleet loop at the telemetry rate.</summary>
    public void Tick()
    {
        var tick = _printer.Tick();
        Enqueue(tick.Events);
        if (!_outbox.IsEmpty) KickOutbox();
        PublishTelemetry(tick.Telemetry);
    }

    /// <summary>
    /// Clean shutdown: deliver what is still in the outbox, replace the retained status with
    /// offline (a normal disconnect does not trigger the will), then disconnect.
    /// </summary>
    public async Task StopAsync()
    {
        _stopping = true;
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "{PrinterId} connection loop ended with an error", _printer.Id);
        }

        if (_client.IsConnected)
        {
            using var timeout = new CancellationTokenSource(FarewellTimeout, _backoff.Clock);
            try
            {
                await FlushOutboxAsync(timeout.Token).ConfigureAwait(false);
                await PublishAsync(_statusTopic, FarmJson.Serialize(_printer.OfflineStatus()),
                    MqttQualityOfServiceLevel.AtLeastOnce, retain: true, timeout.Token).ConfigureAwait(false);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder()
                    .WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token)
                    .ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "{PrinterId} could not say goodbye to the broker cleanly; its last will covers it",
                    _printer.Id);
            }
        }
        if (!_outbox.IsEmpty)
            _logger.LogWarning("{PrinterId} stopped with {PendingEvents} undelivered events", _printer.Id, _outbox.Count);
        _online = false;
        _client.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var everConnected = false;
        var lost = false;
        var retried = false;
        var reconnect = _backoff.Pipeline(onRetry: args =>
        {
            retried = true;
            var error = args.Outcome.Exception;
            // The loss was told as it happened; one warning per outage, not one per attempt: a
            // thousand printers retry at once.
            if (error is SessionLostException) return ValueTask.CompletedTask;
            if (args.AttemptNumber == 0)
                _logger.LogWarning("{PrinterId} cannot reach the broker ({Error}); retrying with backoff",
                    _printer.Id, error?.Message);
            else
                _logger.LogDebug("{PrinterId} reconnect attempt {Attempt} failed: {Error}",
                    _printer.Id, args.AttemptNumber + 1, error?.Message);
            return ValueTask.CompletedTask;
        });
        while (!stopping.IsCancellationRequested)
        {
            retried = false;
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
                if (retried || everConnected)
                    _logger.LogInformation("{PrinterId} reconnected to the broker; {PendingEvents} events to deliver",
                        _printer.Id, _outbox.Count);
                else
                    _logger.LogDebug("{PrinterId} connected to the broker", _printer.Id);
                everConnected = true;
                KickOutbox();
                await _sessionLost.Task.WaitAsync(stopping).ConfigureAwait(false);
                lost = true;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            _online = false;
        }
    }

    private async Task TryConnectAsync(CancellationToken stopping)
    {
        try
        {
            await ConnectAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception) when (!stopping.IsCancellationRequested)
        {
            _online = false;
            await DropHalfOpenSessionAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task ConnectAsync(CancellationToken stopping)
    {
        // Throttled fleet-wide: a thousand simultaneous CONNECTs overflow a broker's accept backlog.
        await _connectGate.WaitAsync(stopping).ConfigureAwait(false);
        try
        {
            // Armed before connecting so a drop at any point after this is seen by the run loop.
            Volatile.Write(ref _sessionLost, NewSignal());
            await _client.ConnectAsync(_clientOptions, stopping).ConfigureAwait(false);

            // Subscribe before announcing: a scheduler that reacts to "online" with a Start must
            // not lose it in the gap.
            await _client.SubscribeAsync(_commandsTopic, MqttQualityOfServiceLevel.AtLeastOnce, stopping)
                .ConfigureAwait(false);
            await PublishAsync(_statusTopic, FarmJson.Serialize(_printer.OnlineStatus()),
                MqttQualityOfServiceLevel.AtLeastOnce, retain: true, stopping).ConfigureAwait(false);
            _online = _client.IsConnected;
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private async Task DropHalfOpenSessionAsync()
    {
        if (!_client.IsConnected) return;
        try
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptions()).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "{PrinterId} disconnect after a failed session setup failed", _printer.Id);
        }
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        var wasOnline = _online;
        _online = false;
        if (wasOnline && !_stopping)
            _logger.LogWarning("{PrinterId} lost the broker connection ({Reason}); printing continues offline",
                _printer.Id, e.Reason);
        Volatile.Read(ref _sessionLost).TrySetResult();
        return Task.CompletedTask;
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (!string.Equals(message.Topic, _commandsTopic, StringComparison.Ordinal)) return Task.CompletedTask;

        PrinterCommandMessage command;
        try
        {
            var payload = message.Payload;
            command = payload.IsSingleSegment
                ? FarmJson.Deserialize<PrinterCommandMessage>(payload.FirstSpan)
                : FarmJson.Deserialize<PrinterCommandMessage>(payload.ToArray());
        }
        catch (Exception ex)
        {
            // Acknowledge anyway: redelivering a command we cannot read will not make it readable.
            _logger.LogWarning("{PrinterId} ignored a malformed command ({Bytes} bytes): {Error}",
                _printer.Id, message.Payload.Length, ex.Message);
            return Task.CompletedTask;
        }

        try
        {
            Enqueue(_printer.Handle(command));
            KickOutbox();
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "{PrinterId} failed to handle {CommandType} for job {JobId}",
                _printer.Id, command.Type, command.JobId);
        }
        return Task.CompletedTask;
    }

    private void Enqueue(IReadOnlyList<PrinterEventMessage> events)
    {
        foreach (var evt in events) _outbox.Enqueue(evt);
    }

    /// <summary>Starts a drain unless one is already running; never blocks the caller.</summary>
    private void KickOutbox()
    {
        if (!_online || _outbox.IsEmpty) return;
        if (Interlocked.CompareExchange(ref _draining, 1, 0) != 0) return;
        // Off the caller's thread: the caller may be MQTTnet's receive path, which must not wait
        // for our PUBACKs.
        _ = Task.Run(async () =>
        {
            var completed = false;
            try
            {
                completed = await DrainAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                Volatile.Write(ref _draining, 0);
            }
            // Something may have been queued after the drain looked for the last time.
            if (completed) KickOutbox();
        });
    }

    /// <summary>Publishes events oldest first; returns false if it stopped on an error.</summary>
    private async Task<bool> DrainAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (_client.IsConnected && _outbox.TryPeek(out var evt))
            {
                await PublishAsync(_eventsTopic, FarmJson.Serialize(evt), MqttQualityOfServiceLevel.AtLeastOnce,
                    retain: false, cancellationToken).ConfigureAwait(false);
                // Only now is it the broker's problem. If the PUBACK was lost we send it again
                // after reconnecting; the EventId lets the farm count it once.
                _outbox.TryDequeue(out _);
            }
            return true;
        }
        catch (Exception ex)
        {
            _logger.LogDebug("{PrinterId} will retry {PendingEvents} events later: {Error}",
                _printer.Id, _outbox.Count, ex.Message);
            return false;
        }
    }

    private async Task FlushOutboxAsync(CancellationToken cancellationToken)
    {
        while (!_outbox.IsEmpty && _client.IsConnected)
        {
            if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
            {
                try
                {
                    if (!await DrainAsync(cancellationToken).ConfigureAwait(false)) return;
                }
                finally
                {
                    Volatile.Write(ref _draining, 0);
                }
            }
            else
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), _backoff.Clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void PublishTelemetry(PrinterTelemetryMessage telemetry)
    {
        if (!_online) return;
        // Telemetry is lossy by design: if the last sample is still on its way, skip this one.
        if (Interlocked.CompareExchange(ref _telemetryInFlight, 1, 0) != 0) return;
        _ = SendTelemetryAsync(FarmJson.Serialize(telemetry));
    }

    private async Task SendTelemetryAsync(byte[] payload)
    {
        try
        {
            await PublishAsync(_telemetryTopic, payload, MqttQualityOfServiceLevel.AtMostOnce, retain: false,
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogDebug("{PrinterId} dropped a telemetry sample: {Error}", _printer.Id, ex.Message);
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
        var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        if (result.ReasonCode is not (MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers))
            _logger.LogWarning("{PrinterId} publish to {Topic} was refused: {ReasonCode} {ReasonString}",
                _printer.Id, topic, result.ReasonCode, result.ReasonString);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
