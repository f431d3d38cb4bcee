using PrintFarm.Printers.Links;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using MQTTnet;
using System.Buffers;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using Polly.Retry;

namespace PrintFarm.Silo.Telemetry.Links;

/// <summary>
/// One MQTT client for one printer, with its own reconnect loop (the silo's <see cref="Backoff"/>
/// between failed tries, a connect timeout) on the thread pool. Nothing is shared between printers
/// (no lock, no thread, no client), so a printer that is off only ever delays itself.
/// </summary>
internal sealed partial class PrinterLinkConnection(LinkConnectionSettings settings, ILinkSink sink, TimeProvider clock, ILogger logger) : IPrinterConnection
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private volatile IMqttClient? _client;

    public void Start() => _loop ??= Task.Run(() => Run(_stop.Token));

    public bool IsConnected => _client?.IsConnected == true;

    /// <summary>False when not connected or the broker did not take it in time.</summary>
    public async Task<bool> Publish(OutgoingMessage message, TimeSpan timeout)
    {
        var client = _client;
        if (client is not { IsConnected: true }) return false;
        try
        {
            using var expired = new CancellationTokenSource(timeout, clock);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, expired.Token);
            var result = await client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(message.Topic)
                .WithPayload(message.Payload)
                .WithQualityOfServiceLevel(message.AtLeastOnce ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
                .Build(), cts.Token);
            return result.IsSuccess;
        }
        catch (Exception ex) when (ex is OperationCanceledException or MqttCommunicationException or InvalidOperationException)
        {
            LogPublishFailed(settings.ClientId, message.Topic, ex.Message);
            return false;
        }
    }

    private async Task Run(CancellationToken stop)
    {
        var reconnect = new Backoff(settings.ReconnectDelay, settings.ReconnectMaxDelay, clock).Pipeline(onRetry: AttemptFailed);
        while (!stop.IsCancellationRequested)
        {
            Session session;
            try
            {
                // One run per connection, so the waits start again from the first delay after each success.
                session = await reconnect.ExecuteAsync(Connect, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            try
            {
                var reason = await session.Lost.WaitAsync(stop);
                _client = null;
                LogLost(settings.ToString(), reason);
                await sink.ConnectionChanged(false, $"connection lost ({reason})", clock.GetUtcNow());
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception sinkError)
            {
                LogSinkFailed(settings.ClientId, sinkError.Message);
            }
            finally
            {
                _client = null;
                await Close(session.Client, stop.IsCancellationRequested);
            }
            // Lost after being connected: try again at once, then back off if it keeps failing.
        }
    }

    /// <summary>One try: a fresh client, connected and subscribed within the connect timeout, and the grain told.</summary>
    private async ValueTask<Session> Connect(CancellationToken stop)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var lost = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? certificateProblem = null;
        client.ApplicationMessageReceivedAsync += e => OnMessage(e, stop);
        client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected) lost.TrySetResult(e.ReasonString ?? e.Reason.ToString());
            return Task.CompletedTask;
        };
        try
        {
            using (var expired = new CancellationTokenSource(settings.ConnectTimeout, clock))
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop, expired.Token))
            {
                try
                {
                    var connected = await client.ConnectAsync(Options(p => certificateProblem = p), attempt.Token);
                    if (connected.ResultCode != MqttClientConnectResultCode.Success) throw new RefusedException(connected.ResultCode);
                    var subscribe = new MqttClientSubscribeOptionsBuilder();
                    foreach (var (filter, qos) in settings.Subscriptions) subscribe.WithTopicFilter(filter, (MqttQualityOfServiceLevel)(int)qos);
                    await client.SubscribeAsync(subscribe.Build(), attempt.Token);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    throw new TimeoutException($"no answer within {settings.ConnectTimeout.TotalSeconds:0.#} s");
                }
            }
            _client = client;
            LogConnected(settings.ToString());
            await sink.ConnectionChanged(true, null, clock.GetUtcNow());
            return new Session(client, lost.Task);
        }
        catch (Exception ex)
        {
            _client = null;
            await Close(client, stop.IsCancellationRequested);
            stop.ThrowIfCancellationRequested();
            throw new AttemptFailedException(Describe(ex, certificateProblem), ex);
        }
    }

    /// <summary>Before each wait: the log and the grain hear why, and when the next try comes.</summary>
    private async ValueTask AttemptFailed(OnRetryArguments<object> args)
    {
        var problem = args.Outcome.Exception is AttemptFailedException failed ? failed.Problem : Describe(args.Outcome.Exception!, null);
        LogAttemptFailed(settings.ToString(), problem, args.RetryDelay.TotalSeconds);
        try { await sink.ConnectionChanged(false, problem, clock.GetUtcNow()); }
        catch (Exception sinkError) { LogSinkFailed(settings.ClientId, sinkError.Message); }
    }

    private async Task Close(IMqttClient client, bool stopping)
    {
        if (client.IsConnected && stopping)
        {
            try { await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2), clock); }
            catch (Exception) { /* going away anyway */ }
        }
        client.Dispose();
    }

    private MqttClientOptions Options(Action<string?> certificateProblem)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId(settings.ClientId)
            .WithCleanSession(settings.CleanSession)
            .WithKeepAlivePeriod(settings.KeepAlive)
            .WithTimeout(settings.ConnectTimeout)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311);
        if (settings.Username is not null) builder.WithCredentials(settings.Username, settings.Password);
        if (settings.TlsTargetHost is { } target)
        {
            builder.WithTlsOptions(tls => tls
                .UseTls()
                .WithTargetHost(target)
                .WithCertificateValidationHandler(e =>
                {
                    if (e.Certificate is null) { certificateProblem("the printer sent no certificate"); return false; }
                    using var presented = X509CertificateLoader.LoadCertificate(e.Certificate.GetRawCertData());
                    var intermediates = e.Chain?.ChainElements.Select(c => c.Certificate).ToList() ?? [];
                    var problem = settings.CertificateProblem?.Invoke(presented, intermediates);
                    certificateProblem(problem);
                    return problem is null;
                }));
        }
        return builder.Build();
    }

    private async Task OnMessage(MqttApplicationMessageReceivedEventArgs e, CancellationToken stop)
    {
        if (stop.IsCancellationRequested) return;
        var message = e.ApplicationMessage;
        try
        {
            if (message.Payload.Length > settings.MaxPayloadBytes)
            {
                await sink.Oversized(message.Topic, message.Payload.Length);
                return;
            }
            await sink.Message(message.Topic, message.Payload.ToArray(), clock.GetUtcNow());
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            // Not handed on: a QoS 1 message stays unacknowledged, so the broker sends it again.
            LogSinkFailed(settings.ClientId, ex.Message);
            e.ProcessingFailed = true;
            e.AutoAcknowledge = false;
        }
    }

    /// <summary>Plain words for operators; MQTTnet's messages never carry the password.</summary>
    private static string Describe(Exception ex, string? certificateProblem)
    {
        if (certificateProblem is not null) return $"refused the printer: {certificateProblem}";
        return ex switch
        {
            RefusedException { Code: MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized } =>
                "the broker refused the credentials (for a Bambu printer: user bblp and its access code)",
            RefusedException r => $"the broker refused the connection ({r.Code})",
            MqttConnectingFailedException f when f.Message.Contains("BadUserNameOrPassword") || f.Message.Contains("NotAuthorized") =>
                "the broker refused the credentials (for a Bambu printer: user bblp and its access code)",
            MqttConnectingFailedException f => $"the broker refused the connection ({f.Message})",
            TimeoutException t => $"cannot reach the printer: {t.Message}",
            _ => $"cannot connect: {(ex.InnerException ?? ex).Message}",
        };
    }

    private sealed class RefusedException(MqttClientConnectResultCode code) : Exception($"refused: {code}")
    {
        public MqttClientConnectResultCode Code { get; } = code;
    }

    /// <summary>A failed try, already put in words: the certificate check that caused it is gone with its client.</summary>
    private sealed class AttemptFailedException(string problem, Exception inner) : Exception(problem, inner)
    {
        public string Problem { get; } = problem;
    }

    private readonly record struct Session(IMqttClient Client, Task<string> Lost);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try { await _loop.WaitAsync(TimeSpan.FromSeconds(5), clock); }
            catch (Exception) { /* stopping */ }
        }
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Link {Link} connected")]
    private partial void LogConnected(string link);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {Link} lost: {Reason}")]
    private partial void LogLost(string link, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Link {Link}: {Problem}; retrying in {Seconds:F1}s")]
    private partial void LogAttemptFailed(string link, string problem, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {ClientId} could not publish to {Topic}: {Error}")]
    private partial void LogPublishFailed(string clientId, string topic, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {ClientId} could not hand a message to its grain: {Error}")]
    private partial void LogSinkFailed(string clientId, string error);
}
