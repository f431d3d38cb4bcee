using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>
/// Carries a dialect printer that publishes to the farm's broker (OctoPrint, Moonraker): one MQTT
/// session with the dialect's last will, its command subscriptions, and one ordered outbox. Order
/// matters more here than in the native protocol: the dialects spread one change over several
/// topics (an OctoPrint cancel is five messages) and send partial state, so everything goes out
/// in the order the speaker said it. QoS 1 messages wait across reconnects; QoS 0 ones are dropped
/// while offline (the speaker repeats the picture on reconnect).
/// </summary>
internal sealed class BrokerDialectLink : IPrinterLink
{
    private static readonly TimeSpan FarewellTimeout = TimeSpan.FromSeconds(5);

    private readonly IDialectSpeaker _speaker;
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _clientOptions;
    private readonly SemaphoreSlim _connectGate;
    private readonly Backoff _backoff;
    private readonly ILogger _logger;
    private readonly Lock _sendGate = new();
    private readonly ConcurrentQueue<DialectMessage> _outbox = new();
    private TaskCompletionSource _sessionLost = NewSignal();
    private volatile bool _online;
    private volatile bool _stopping;
    private int _draining;
    private int _reliablePending;
    private Task _run = Task.CompletedTask;

    public BrokerDialectLink(IDialectSpeaker speaker, MqttClientFactory factory, string brokerHost, int brokerPort,
        SemaphoreSlim connectGate, Backoff backoff, ILogger logger, string? password = null)
    {
        _speaker = speaker;
        _connectGate = connectGate;
        _backoff = backoff;
        _logger = logger;
        var builder = factory.CreateClientOptionsBuilder()
            .WithTcpServer(brokerHost, brokerPort)
            .WithClientId(speaker.Printer.Id)
            .WithCleanSession()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (password is not null) builder.WithCredentials(speaker.Printer.Id, password);
        if (speaker.LastWill is { } will)
        {
            builder.WithWillTopic(will.Topic)
                .WithWillPayload(will.Payload)
                .WithWillQualityOfServiceLevel(will.Reliable ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
                .WithWillRetain(will.Retain);
        }
        _clientOptions = builder.Build();
        _client = factory.CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public SimulatedPrinter Printer => _speaker.Printer;
    public bool IsOnline => _online;
    public int PendingEvents => Volatile.Read(ref _reliablePending);

    public void Start(CancellationToken stopping) => _run = RunAsync(stopping);

    public void Tick()
    {
        lock (_sendGate) Enqueue(_speaker.Tick());
        Kick();
    }

    public async Task StopAsync()
    {
        _stopping = true;
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "{PrinterId} connection loop ended with an error", Printer.Id);
        }
        if (_client.IsConnected)
        {
            using var timeout = new CancellationTokenSource(FarewellTimeout, _backoff.Clock);
            try
            {
                lock (_sendGate) Enqueue(_speaker.Stopping());
                await FlushAsync(timeout.Token).ConfigureAwait(false);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder()
                    .WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "{PrinterId} could not say goodbye to the broker cleanly; its last will covers it", Printer.Id);
            }
        }
        if (PendingEvents > 0) _logger.LogWarning("{PrinterId} stopped with {Pending} undelivered messages", Printer.Id, PendingEvents);
        _online = false;
        _client.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var lost = false;
        var retried = false;
        var reconnect = _backoff.Pipeline(onRetry: args =>
        {
            retried = true;
            // One warning per outage: the loss was told as it happened.
            if (args.AttemptNumber == 0 && args.Outcome.Exception is { } error and not SessionLostException)
                _logger.LogWarning("{PrinterId} cannot reach the broker ({Error}); retrying with backoff", Printer.Id, error.Message);
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
                if (retried) _logger.LogInformation("{PrinterId} reconnected to the broker", Printer.Id);
                Kick();
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
            if (_client.IsConnected)
            {
                try { await _client.DisconnectAsync(new MqttClientDisconnectOptions()).ConfigureAwait(false); }
                catch (Exception dex) { _logger.LogDebug(dex, "{PrinterId} disconnect after a failed setup failed", Printer.Id); }
            }
            throw;
        }
    }

    private async Task ConnectAsync(CancellationToken stopping)
    {
        await _connectGate.WaitAsync(stopping).ConfigureAwait(false);
        try
        {
            Volatile.Write(ref _sessionLost, NewSignal());
            await _client.ConnectAsync(_clientOptions, stopping).ConfigureAwait(false);
            var subscribe = new MqttClientSubscribeOptionsBuilder();
            foreach (var topic in _speaker.CommandTopics) subscribe.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
            await _client.SubscribeAsync(subscribe.Build(), stopping).ConfigureAwait(false);
            lock (_sendGate)
            {
                _online = _client.IsConnected;
                Enqueue(_speaker.Connected());
            }
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        var wasOnline = _online;
        _online = false;
        if (wasOnline && !_stopping)
            _logger.LogWarning("{PrinterId} lost the broker connection ({Reason}); printing continues offline", Printer.Id, e.Reason);
        Volatile.Read(ref _sessionLost).TrySetResult();
        return Task.CompletedTask;
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        try
        {
            var payload = message.Payload;
            var bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
            lock (_sendGate) Enqueue(_speaker.Command(message.Topic, bytes));
            Kick();
        }
        catch (Exception ex)
        {
            // Acknowledge anyway: a command that broke the printer once will break it again.
            _logger.LogError(ex, "{PrinterId} failed to handle a message on {Topic}", Printer.Id, message.Topic);
        }
        return Task.CompletedTask;
    }

    private void Enqueue(IReadOnlyList<DialectMessage> messages)
    {
        foreach (var message in messages)
        {
            if (!message.Reliable && !_online) continue;
            if (message.Reliable) Interlocked.Increment(ref _reliablePending);
            _outbox.Enqueue(message);
        }
    }

    private void Kick()
    {
        if (!_online || _outbox.IsEmpty) return;
        if (Interlocked.CompareExchange(ref _draining, 1, 0) != 0) return;
        // Off the caller's thread: the caller may be MQTTnet's receive path, which must not wait for PUBACKs.
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
            if (completed) Kick();
        });
    }

    private async Task<bool> DrainAsync(CancellationToken cancellationToken)
    {
        while (_client.IsConnected && _outbox.TryPeek(out var message))
        {
            try
            {
                var result = await _client.PublishAsync(new MqttApplicationMessageBuilder()
                    .WithTopic(message.Topic)
                    .WithPayload(message.Payload)
                    .WithQualityOfServiceLevel(message.Reliable ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
                    .WithRetainFlag(message.Retain)
                    .Build(), cancellationToken).ConfigureAwait(false);
                if (result.ReasonCode is not (MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers))
                    _logger.LogWarning("{PrinterId} publish to {Topic} was refused: {ReasonCode}", Printer.Id, message.Topic, result.ReasonCode);
            }
            catch (Exception ex)
            {
                if (message.Reliable)
                {
                    _logger.LogDebug("{PrinterId} will retry {Topic} later: {Error}", Printer.Id, message.Topic, ex.Message);
                    return false;
                }
                // A lost sample is not worth holding the queue for.
            }
            _outbox.TryDequeue(out _);
            if (message.Reliable) Interlocked.Decrement(ref _reliablePending);
        }
        return true;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
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

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
