using System.Buffers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace PrintFarm.Silo.Mqtt;

/// <summary>
/// The silo's one connection to the broker, for ingress and egress both. MQTTnet 5 has no managed
/// client, so reconnecting is ours: the silo's <see cref="Backoff"/> between failed tries,
/// resubscribing each time, and a lost connection tried again at once.
/// </summary>
public sealed partial class FarmMqttClient(
    IOptions<MqttOptions> options,
    IEnumerable<IMqttSubscriber> subscribers,
    TimeProvider clock,
    ILogger<FarmMqttClient> logger) : BackgroundService
{
    private readonly MqttOptions _options = options.Value;
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly List<IMqttSubscriber> _subscribers = subscribers.ToList();
    private readonly InOrderPerKey _inOrder = new();
    private readonly Lazy<System.Security.Cryptography.X509Certificates.X509Certificate2Collection?> _brokerAuthorities = new(() => BrokerTls.Authorities(options.Value));
    private TaskCompletionSource _lost = NewSignal();
    private CancellationToken _stopping;

    public bool IsConnected => _client.IsConnected;

    /// <summary>Publishes; false when the broker is not reachable right now.</summary>
    public async Task<bool> Publish(string topic, byte[] payload, MqttQualityOfServiceLevel qos, bool retain, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected) return false;
        try
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(qos)
                .WithRetainFlag(retain)
                .Build();
            var result = await _client.PublishAsync(message, cancellationToken);
            return result.IsSuccess;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPublishFailed(ex, topic);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        _client.ApplicationMessageReceivedAsync += OnMessage;
        _client.DisconnectedAsync += e =>
        {
            // Raised for a failed connect too; only a connection that was up has been lost.
            if (!e.ClientWasConnected) return Task.CompletedTask;
            if (!stoppingToken.IsCancellationRequested) LogDisconnected(e.Reason.ToString());
            Volatile.Read(ref _lost).TrySetResult();
            return Task.CompletedTask;
        };

        var reconnect = new Backoff(_options.ReconnectDelay, _options.ReconnectMaxDelay, clock).Pipeline(onRetry: args =>
        {
            LogConnectFailed(_options.Host, _options.Port, args.RetryDelay.TotalSeconds, args.Outcome.Exception?.Message ?? "");
            return ValueTask.CompletedTask;
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // One run per connection, so the waits start again from the first delay after each success.
                await reconnect.ExecuteAsync(Connect, stoppingToken);
                await Volatile.Read(ref _lost).Task.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        }
        _client.Dispose();
    }

    private async ValueTask Connect(CancellationToken cancellationToken)
    {
        // Armed before connecting, so a loss at any moment after this is seen by the loop.
        Volatile.Write(ref _lost, NewSignal());
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.ClientId ?? "printfarm-silo")
            // A persistent session: QoS 1 events published while we were away are kept for us.
            .WithCleanSession(false)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (_options.Username is not null) builder.WithCredentials(_options.Username, _options.Password);
        if (_options.UseTls) builder.WithTlsOptions(tls => BrokerTls.Configure(tls, _options, _brokerAuthorities.Value));

        await _client.ConnectAsync(builder.Build(), cancellationToken);
        try
        {
            var subscribe = new MqttClientSubscribeOptionsBuilder();
            foreach (var subscriber in _subscribers)
            {
                foreach (var (filter, qos) in subscriber.Filters)
                {
                    var shared = _options.ShareGroup is { } group && subscriber.SplitAcrossSilos(filter);
                    subscribe.WithTopicFilter(shared ? $"$share/{_options.ShareGroup}/{filter}" : filter, qos);
                }
            }
            await _client.SubscribeAsync(subscribe.Build(), cancellationToken);
        }
        catch (Exception) when (_client.IsConnected)
        {
            // Connected but not subscribed hears nothing: drop it, and the next try starts clean.
            try { await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None); }
            catch (Exception) { /* the try has failed anyway */ }
            throw;
        }
        LogConnected(_options.Host, _options.Port, _options.ClientId ?? "printfarm-silo", _options.ShareGroup ?? "(none)");
    }

    private async Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        var subscribers = Subscribers(topic);
        if (subscribers.Count == 0) return;
        // Only a retained or empty message is looked at twice: the telemetry path stays as it was.
        var message = e.ApplicationMessage;
        if ((message.Retain || message.Payload.IsEmpty) && subscribers.Exists(s => !s.MayBeRetained(topic)))
        {
            // The embedded broker refuses such a retain; mosquitto's ACL has no rule for the
            // retain flag, so a printer can leave one there. It is old news replayed to each
            // silo that subscribes: not handed on, and cleared (an empty retained message) so
            // the broker stops keeping it. The clearing's echo, an empty message, is not news either.
            if (message.Retain && !message.Payload.IsEmpty)
            {
                LogRetainedCleared(topic);
                _ = Publish(topic, [], MqttQualityOfServiceLevel.AtLeastOnce, retain: true, _stopping);
            }
            return;
        }
        if (e.ApplicationMessage.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce)
        {
            // Telemetry: handed on one-way, so handling it inline costs the receive loop little.
            await Handle(subscribers, topic, e.ApplicationMessage.Payload);
            return;
        }

        // QoS 1 (events, statuses) waits for grains that write to storage. MQTTnet reads one
        // connection's messages one at a time, so awaiting them here would hold up all the
        // telemetry behind a slow event. They run in the background instead, in order per topic,
        // and are acknowledged once handled. A failure to hand one on (a grain moving, storage
        // down) is tried again while the connection lasts: the broker redelivers an unacknowledged
        // message only to the next session, so giving up on a live connection would lose it until then.
        e.AutoAcknowledge = false;
        var payload = new ReadOnlySequence<byte>(e.ApplicationMessage.Payload.ToArray());
        _ = _inOrder.Run(topic, async () =>
        {
            if (await HandleUntilHeard(subscribers, topic, payload)) await Acknowledge(e, topic);
        });
    }

    /// <summary>
    /// Who handles a topic. Every message asks, so the usual answer (the one subscriber there is,
    /// or nobody) is a list made once, not one per message.
    /// </summary>
    private List<IMqttSubscriber> Subscribers(string topic)
    {
        if (_subscribers.Count == 1) return _subscribers[0].Handles(topic) ? _subscribers : NoSubscribers;
        return _subscribers.FindAll(s => s.Handles(topic));
    }

    private static readonly List<IMqttSubscriber> NoSubscribers = [];

    private async Task<bool> Handle(List<IMqttSubscriber> subscribers, string topic, ReadOnlySequence<byte> payload)
    {
        var handled = true;
        foreach (var subscriber in subscribers)
        {
            // A subscriber counts and drops what it cannot read; only a failure to hand a
            // message on gets here.
            try
            {
                await subscriber.Receive(topic, payload);
            }
            catch (Exception ex)
            {
                LogHandlerFailed(ex, topic);
                handled = false;
            }
        }
        return handled;
    }

    private async Task<bool> HandleUntilHeard(List<IMqttSubscriber> subscribers, string topic, ReadOnlySequence<byte> payload)
    {
        var retry = new Backoff(_options.ReconnectDelay, _options.ReconnectMaxDelay, clock).Pipeline(
            onRetry: args =>
            {
                LogHandlerRetry(topic, args.RetryDelay.TotalSeconds, args.Outcome.Exception?.Message ?? "");
                return ValueTask.CompletedTask;
            },
            retryOn: _ => _client.IsConnected);
        foreach (var subscriber in subscribers)
        {
            try
            {
                await retry.ExecuteAsync(async _ => await subscriber.Receive(topic, payload), _stopping);
            }
            catch (Exception ex)
            {
                // Stopping, or the connection went: the broker redelivers it to the resumed session.
                LogHandlerFailed(ex, topic);
                return false;
            }
        }
        return true;
    }

    private async Task Acknowledge(MqttApplicationMessageReceivedEventArgs e, string topic)
    {
        try
        {
            await e.AcknowledgeAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The connection went: the broker redelivers to the resumed session, and the
            // printer grain counts the event once.
            LogAckFailed(topic, ex.Message);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored and cleared a retained message on {Topic}: a printer may retain only its status")]
    private partial void LogRetainedCleared(string topic);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not acknowledge a message on {Topic}: {Error}")]
    private partial void LogAckFailed(string topic, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to MQTT broker {Host}:{Port} as {ClientId} (shared subscription group {ShareGroup})")]
    private partial void LogConnected(string host, int port, string clientId, string shareGroup);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot reach MQTT broker {Host}:{Port}; retrying in {Seconds:F1}s ({Error})")]
    private partial void LogConnectFailed(string host, int port, double seconds, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disconnected from MQTT broker: {Reason}")]
    private partial void LogDisconnected(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish to {Topic}")]
    private partial void LogPublishFailed(Exception ex, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling a message on {Topic} failed; trying again in {Seconds:F1}s ({Error})")]
    private partial void LogHandlerRetry(string topic, double seconds, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a message on {Topic} failed; left for redelivery")]
    private partial void LogHandlerFailed(Exception ex, string topic);
}
