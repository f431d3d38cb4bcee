using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using PrintFarm.Printers;
using PrintFarm.Printers.Dialects;

namespace PrintFarm.Tests.SimulatorDialects;

/// <summary>
/// An outside MQTT client standing in for the farm in the integration tests: it subscribes, feeds
/// what arrives to the farm's adapter for that printer, and publishes commands.
/// </summary>
internal sealed class DialectListener : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly Func<string, byte[], DialectUpdate> _adapter;
    private readonly Lock _gate = new();
    private MqttClientOptions? _options;
    private string[] _filters = [];

    private DialectListener(IMqttClient client, Func<string, byte[], DialectUpdate> adapter)
    {
        _client = client;
        _adapter = adapter;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var payload = e.ApplicationMessage.Payload.ToArray();
            var topic = e.ApplicationMessage.Topic;
            Received.Enqueue((topic, Encoding.UTF8.GetString(payload)));
            lock (_gate)
            {
                try
                {
                    var update = _adapter(topic, payload);
                    foreach (var evt in update.Events) Events.Enqueue(evt);
                    if (update.Telemetry is { } t) Telemetry = t;
                    if (update.Status is { } s) Online = s.Online;
                }
                catch (Exception ex)
                {
                    Errors.Enqueue($"{topic}: {ex.Message}");
                }
            }
            return Task.CompletedTask;
        };
    }

    public ConcurrentQueue<(string Topic, string Payload)> Received { get; } = new();
    public ConcurrentQueue<PrinterJobEvent> Events { get; } = new();
    public ConcurrentQueue<string> Errors { get; } = new();
    public PrinterTelemetry? Telemetry { get; private set; }
    public bool? Online { get; private set; }

    /// <summary>A plain client on the farm's broker (OctoPrint, Moonraker).</summary>
    /// <param name="persistentSession">Keep the session (and what is queued for it) at the broker while disconnected.</param>
    public static Task<DialectListener> ConnectAsync(int port, string[] filters, Func<string, byte[], DialectUpdate> adapter,
        CancellationToken cancellationToken, bool persistentSession = false) =>
        ConnectAsync(new MqttClientFactory().CreateClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("farm-" + Guid.NewGuid().ToString("N")[..8])
            .WithCleanSession(!persistentSession)
            .Build(), filters, adapter, cancellationToken);

    /// <summary>The farm's side of a Bambu printer: TLS with the printer's CA pinned and its name checked against the serial.</summary>
    public static MqttClientOptions BambuOptions(int port, string serial, string accessCode, X509Certificate2 pinnedAuthority) =>
        new MqttClientFactory().CreateClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("farm-" + Guid.NewGuid().ToString("N")[..8])
            .WithCredentials("bblp", accessCode)
            .WithCleanSession()
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithTlsOptions(tls => tls
                .UseTls()
                .WithTargetHost(serial)
                .WithCertificateValidationHandler(e => IsPrinter(e.Certificate, serial, pinnedAuthority)))
            .Build();

    public static bool IsPrinter(X509Certificate? presented, string serial, X509Certificate2 authority)
    {
        if (presented is null) return false;
        using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate) && certificate.GetNameInfo(X509NameType.SimpleName, false) == serial;
    }

    public static async Task<DialectListener> ConnectAsync(MqttClientOptions options, string[] filters,
        Func<string, byte[], DialectUpdate> adapter, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var listener = new DialectListener(client, adapter) { _options = options, _filters = filters };
        await listener.ReconnectAsync(cancellationToken);
        return listener;
    }

    /// <summary>Connects (again) with the same options and subscriptions, e.g. after the broker restarted.</summary>
    public async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        await _client.ConnectAsync(_options!, cancellationToken);
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in _filters) subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        await _client.SubscribeAsync(subscribe.Build(), cancellationToken);
    }

    public Task PublishAsync(string topic, string payload, CancellationToken cancellationToken) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), cancellationToken);

    /// <summary>Waits (polling) for an event; the timeout only bounds a broken run.</summary>
    public async Task<PrinterJobEvent> WaitForEventAsync(Func<PrinterJobEvent, bool> match, CancellationToken cancellationToken,
        int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (Events.FirstOrDefault(match) is { } found) return found;
            await Task.Delay(50, cancellationToken);
        }
        throw new TimeoutException($"No matching event. Seen: {string.Join(", ", Events.Select(e => $"{e.Type} {e.JobId}"))}; adapter errors: {string.Join("; ", Errors)}");
    }

    /// <summary>
    /// Waits until <paramref name="count"/> more messages have come in than had when called. A
    /// printer publishes on one connection and the broker passes its messages on in order, so they
    /// come after everything it had published before them.
    /// </summary>
    public Task WaitForMoreMessagesAsync(int count, string what, CancellationToken cancellationToken)
    {
        var seen = Received.Count;
        return WaitUntilAsync(() => Received.Count >= seen + count, what, cancellationToken);
    }

    public async Task WaitUntilAsync(Func<bool> condition, string what, CancellationToken cancellationToken, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited in vain for {what}; adapter errors: {string.Join("; ", Errors)}");
            await Task.Delay(50, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
