using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Printers;
using PrintFarm.Printers.Links;
using PrintFarm.Printers.Registry;
using PrintFarm.Silo.Mqtt;
using PrintFarm.Silo.Telemetry.Dialects;

namespace PrintFarm.Silo.Telemetry.Links;

/// <summary>
/// The link to one registered Bambu, OctoPrint or Moonraker printer. One activation cluster-wide
/// owns the MQTT client and the stateful adapter, so the per-printer cache is never split between
/// silos and messages are read in the order the connection delivers them. Kept alive by its
/// heartbeat timer, and woken again by <see cref="LinkKeeper"/> on every silo (after a crash the
/// next <c>EnsureLinks</c> starts it elsewhere).
/// </summary>
public sealed partial class PrinterLinkGrain(
    IOptions<LinkOptions> linkOptions,
    IOptions<MqttOptions> mqttOptions,
    IngressStats stats,
    TimeProvider clock,
    ILoggerFactory loggers,
    ILogger<PrinterLinkGrain> logger) : Grain, IPrinterLinkGrain
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    private readonly LinkOptions _options = linkOptions.Value;
    private PrinterRegistration? _registration;
    private DialectLink? _dialect;
    private PrinterLinkConnection? _connection;

    private LinkState _state = LinkState.None;
    private string? _problem;
    private string? _commands;
    private DateTimeOffset? _connectedSince, _lastMessageAt;
    private long _received, _dropped;
    private int _failedAttempts;
    /// <summary>What the printer's own status last said (retained LWT topics, or the Bambu connection).</summary>
    private bool _printerOnline;
    private bool _capabilitiesSent;

    private string PrinterId => this.GetPrimaryKeyString();
    private IPrinterGrain Printer => GrainFactory.GetGrain<IPrinterGrain>(PrinterId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(Heartbeat, new GrainTimerCreationOptions
        {
            DueTime = _options.HeartbeatEvery,
            Period = _options.HeartbeatEvery,
            // The connection lives in this activation: idle collection must not close it.
            KeepAlive = true,
        });
        await Reload();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await StopConnection();
    }

    public Task Ensure() => Reload();

    public async Task<bool> Send(PrinterCommand command)
    {
        if (_dialect is null || _connection is null) return false;
        var message = _dialect.Command(command);
        if (message is null) return false;
        var sent = await _connection.Publish(message, CommandTimeout);
        LogCommand(PrinterId, command.Type, command.JobId, sent);
        return sent;
    }

    public Task<PrinterLinkStatus> Status() => Task.FromResult(new PrinterLinkStatus
    {
        State = _state,
        Problem = _problem,
        Commands = _commands,
        ConnectedSince = _connectedSince,
        LastMessageAt = _lastMessageAt,
        MessagesReceived = _received,
        MessagesDropped = _dropped,
        FailedAttempts = _failedAttempts,
    });

    public async Task Deliver(string topic, byte[] payload, DateTimeOffset receivedAt)
    {
        if (_dialect is null) return;
        _received++;
        _lastMessageAt = receivedAt;
        DialectUpdate update;
        try
        {
            if (_dialect.Reply(topic, payload) is { } reply) NoteReply(reply);
            update = _dialect.Handle(topic, payload, receivedAt);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            _dropped++;
            stats.CountMalformed();
            LogMalformed(PrinterId, topic, ex.Message);
            return;
        }
        await Forward(update, receivedAt);
    }

    public Task Dropped(string topic, string reason)
    {
        _dropped++;
        stats.CountMalformed();
        LogMalformed(PrinterId, topic, reason);
        return Task.CompletedTask;
    }

    public async Task ConnectionChanged(bool connected, string? problem, DateTimeOffset at)
    {
        if (_dialect is null || _connection is null) return;
        if (connected)
        {
            _state = LinkState.Connected;
            _connectedSince = at;
            _problem = null;
            _failedAttempts = 0;
            if (_dialect.OnConnected(at) is { } first) await _connection.Publish(first, CommandTimeout);
        }
        else
        {
            var wasConnected = _state == LinkState.Connected;
            _state = LinkState.Retrying;
            _connectedSince = null;
            _problem = problem;
            if (!wasConnected) _failedAttempts++;
        }
        if (_dialect.OwnBroker) await Forward(_dialect.ConnectionUpdate(connected, at), at);
    }

    private async Task Reload()
    {
        var registration = await GrainFactory.GetGrain<IPrinterRegistryGrain>(IPrinterRegistryGrain.Key).GetForLink(PrinterId);
        if (registration is null || registration.Dialect is null or PrinterDialect.Native)
        {
            await StopConnection();
            _registration = null;
            _state = LinkState.None;
            _problem = registration is null ? "not registered" : null;
            return;
        }
        if (_connection is not null && _registration is not null && _registration.SameAs(registration)) return;

        await StopConnection();
        _registration = registration;
        _dialect = DialectLink.For(registration, _options.PushAllMinInterval);
        _capabilitiesSent = false;
        _printerOnline = false;
        try
        {
            var settings = Settings(registration, _dialect);
            _connection = new PrinterLinkConnection(settings, new GrainSink(this.AsReference<IPrinterLinkGrain>()), clock, loggers.CreateLogger<PrinterLinkConnection>());
            _state = LinkState.Connecting;
            _problem = null;
            _connection.Start();
            LogStarted(PrinterId, registration.Dialect.Value, settings.ToString());
        }
        catch (InvalidOperationException ex)
        {
            _state = LinkState.Misconfigured;
            _problem = ex.Message;
            LogMisconfigured(PrinterId, ex.Message);
        }
    }

    private LinkConnectionSettings Settings(PrinterRegistration r, DialectLink dialect)
    {
        if (r.Dialect == PrinterDialect.Bambu)
        {
            var bambu = r.Bambu!;
            var ca = BambuCertificateCheck.LoadCa(bambu.CaCertificate!);
            var serial = bambu.Serial!;
            return new LinkConnectionSettings
            {
                Host = bambu.Host!,
                Port = bambu.Port ?? BambuConnection.DefaultPort,
                ClientId = $"printfarm-{Guid.NewGuid():N}"[..23],
                Username = "bblp",
                Password = bambu.AccessCode,
                CleanSession = true,
                KeepAlive = _options.BambuKeepAlive,
                Subscriptions = dialect.Subscriptions,
                TlsTargetHost = serial,
                CertificateProblem = (presented, intermediates) => BambuCertificateCheck.Problem(presented, intermediates, ca, serial, clock.GetUtcNow()),
                ConnectTimeout = _options.ConnectTimeout,
                ReconnectDelay = _options.ReconnectDelay,
                ReconnectMaxDelay = _options.ReconnectMaxDelay,
                MaxPayloadBytes = _options.MaxPayloadBytes,
            };
        }
        var mqtt = mqttOptions.Value;
        return new LinkConnectionSettings
        {
            Host = mqtt.Host,
            Port = mqtt.Port,
            // Stable and persistent: QoS 1 events published while the link moves between silos wait for it.
            ClientId = $"printfarm-link-{PrinterId}",
            Username = mqtt.Username,
            Password = mqtt.Password,
            CleanSession = false,
            Subscriptions = dialect.Subscriptions,
            ConnectTimeout = _options.ConnectTimeout,
            ReconnectDelay = _options.ReconnectDelay,
            ReconnectMaxDelay = _options.ReconnectMaxDelay,
            MaxPayloadBytes = _options.MaxPayloadBytes,
        };
    }

    /// <summary>Events first (a start sets the printer's job, a finish frees it), then the picture.</summary>
    private async Task Forward(DialectUpdate update, DateTimeOffset at)
    {
        if (update.Status is { } status)
        {
            _printerOnline = status.Online;
            await Printer.Status(status with { Capabilities = _registration?.Capabilities() });
            _capabilitiesSent |= status.Online;
            stats.CountStatus();
        }
        else if (!_capabilitiesSent && update.Telemetry is not null)
        {
            // Telemetry before any status (OctoPrint's retained 'mqtt' may be missing): the printer is
            // evidently up, and the dispatcher needs its capabilities before it can give it work.
            _printerOnline = true;
            await Printer.Status(new PrinterStatusReport { Online = true, Capabilities = _registration?.Capabilities(), ReceivedAt = at });
            _capabilitiesSent = true;
        }
        foreach (var jobEvent in update.Events)
        {
            await Printer.Event(jobEvent);
            stats.CountEvent();
        }
        if (update.Telemetry is { } telemetry)
        {
            await Printer.Telemetry(telemetry);
            stats.CountTelemetry();
        }
    }

    private void NoteReply(CommandReply reply)
    {
        if (reply.Accepted)
        {
            if (_commands is not null) LogCommandsAccepted(PrinterId, reply.Command);
            _commands = null;
            return;
        }
        _commands = $"commands refused by firmware: {reply.Command} ({reply.Reason})";
        LogCommandRefused(PrinterId, reply.Command, reply.Reason ?? "no reason given");
    }

    /// <summary>Tells the printer grain it is up while the link knows it is, so a quiet idle printer stays Online.</summary>
    private async Task Heartbeat(CancellationToken cancellationToken)
    {
        if (_dialect is null || _registration is null || _state != LinkState.Connected || !_printerOnline) return;
        var now = clock.GetUtcNow();
        if (_dialect.OwnBroker && (_lastMessageAt is not { } last || now - last > _options.BambuSilence)) return;
        // No capabilities: "keep what you know", so an unchanged printer costs no write.
        await Printer.Status(new PrinterStatusReport { Online = true, ReceivedAt = now });
    }

    private async Task StopConnection()
    {
        var connection = _connection;
        _connection = null;
        _dialect = null;
        if (connection is not null) await connection.DisposeAsync();
    }

    /// <summary>Calls from the connection's thread come back into the grain through its reference.</summary>
    private sealed class GrainSink(IPrinterLinkGrain self) : ILinkSink
    {
        public Task Message(string topic, byte[] payload, DateTimeOffset receivedAt) => self.Deliver(topic, payload, receivedAt);
        public Task Oversized(string topic, long bytes) => self.Dropped(topic, $"{bytes} bytes is over the limit");
        public Task ConnectionChanged(bool connected, string? problem, DateTimeOffset at) => self.ConnectionChanged(connected, problem, at);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId}: {Dialect} link started ({Connection})")]
    private partial void LogStarted(string printerId, PrinterDialect dialect, string connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: link cannot start: {Problem}")]
    private partial void LogMisconfigured(string printerId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: dropped a message on {Topic}: {Error}")]
    private partial void LogMalformed(string printerId, string topic, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId}: {Command} for job {JobId} sent: {Sent}")]
    private partial void LogCommand(string printerId, Protocol.PrinterCommandType command, string jobId, bool sent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: firmware refused {Command}: {Reason}")]
    private partial void LogCommandRefused(string printerId, string command, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId}: firmware accepts commands again ({Command})")]
    private partial void LogCommandsAccepted(string printerId, string command);
}
