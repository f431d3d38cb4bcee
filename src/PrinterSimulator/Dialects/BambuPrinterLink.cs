using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>
/// A simulated Bambu printer's own MQTT broker, as on the real printer: TLS on its own port, the
/// certificate naming the serial, user <c>bblp</c> with the access code as password. Commands the
/// farm publishes to <c>device/{serial}/request</c> go to the <see cref="BambuSpeaker"/>; its
/// reports are published on <c>device/{serial}/report</c> to whoever subscribed.
/// </summary>
internal sealed class BambuPrinterLink : IPrinterLink
{
    public const string UserName = "bblp";

    private readonly BambuSpeaker _speaker;
    private readonly MqttServer _server;
    private readonly string _accessCode;
    private readonly ILogger _logger;
    // One sender keeps reports in the order the speaker produced them.
    private readonly Channel<DialectMessage> _reports = Channel.CreateUnbounded<DialectMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _sendGate = new();
    private Task _run = Task.CompletedTask;
    private volatile bool _listening;

    public BambuPrinterLink(BambuSpeaker speaker, X509Certificate2 certificate, IPAddress address, int port, string accessCode, ILogger logger)
    {
        _speaker = speaker;
        _accessCode = accessCode;
        _logger = logger;
        Port = port;
        var options = new MqttServerOptionsBuilder()
            .WithEncryptedEndpoint()
            .WithEncryptedEndpointBoundIPAddress(address)
            .WithEncryptedEndpointPort(port)
            .WithEncryptionCertificate(certificate)
            .WithEncryptionSslProtocol(SslProtocols.Tls12 | SslProtocols.Tls13)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(options);
        _server.ValidatingConnectionAsync += ValidateAsync;
        _server.InterceptingPublishAsync += OnPublishAsync;
    }

    public SimulatedPrinter Printer => _speaker.Printer;
    public int Port { get; }
    public bool IsOnline => _listening;
    public int PendingEvents => _reports.Reader.CanCount ? _reports.Reader.Count : 0;

    public void Start(CancellationToken stopping) => _run = RunAsync(stopping);

    public void Tick()
    {
        lock (_sendGate) Send(_speaker.Tick());
    }

    public async Task StopAsync()
    {
        _reports.Writer.TryComplete();
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "{PrinterId} broker loop ended with an error", Printer.Id);
        }
        try
        {
            await _server.StopAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "{PrinterId} broker did not stop cleanly", Printer.Id);
        }
        _listening = false;
        _server.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await _server.StartAsync().ConfigureAwait(false);
            _listening = true;
            _logger.LogInformation("{PrinterId} (Bambu, serial {Serial}) listening on TLS port {Port}", Printer.Id, _speaker.Serial, Port);
        }
        catch (Exception ex)
        {
            _logger.LogError("{PrinterId} (Bambu) cannot listen on port {Port}: {Error}", Printer.Id, Port, ex.Message);
            return;
        }

        try
        {
            await foreach (var message in _reports.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await _server.InjectApplicationMessage(new InjectedMqttApplicationMessage(new MqttApplicationMessageBuilder()
                        .WithTopic(message.Topic)
                        .WithPayload(message.Payload)
                        .WithQualityOfServiceLevel(message.Reliable ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
                        .WithRetainFlag(message.Retain)
                        .Build())
                    {
                        SenderClientId = _speaker.Serial,
                    }, stopping).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogDebug("{PrinterId} dropped a report: {Error}", Printer.Id, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private Task ValidateAsync(ValidatingConnectionEventArgs e)
    {
        if (e.UserName != UserName || e.Password != _accessCode)
        {
            // Never log the password that was tried: it may be a real access code typed into the wrong printer.
            _logger.LogWarning("{PrinterId} refused client {ClientId}: wrong user or access code", Printer.Id, e.ClientId);
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
        }
        return Task.CompletedTask;
    }

    private Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (message.Topic != _speaker.RequestTopic) return Task.CompletedTask;
        try
        {
            var payload = message.Payload;
            var bytes = payload.IsSingleSegment ? payload.FirstSpan : System.Buffers.BuffersExtensions.ToArray(payload);
            lock (_sendGate) Send(_speaker.Command(message.Topic, bytes));
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "{PrinterId} failed to handle a request", Printer.Id);
        }
        return Task.CompletedTask;
    }

    private void Send(IReadOnlyList<DialectMessage> messages)
    {
        foreach (var message in messages) _reports.Writer.TryWrite(message);
    }
}
