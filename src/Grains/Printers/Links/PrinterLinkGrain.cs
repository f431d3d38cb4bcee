using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Designs;
using PrintFarm.Printers.Dialects;
using PrintFarm.Printers.Files;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Printers.Links;

/// <summary>
/// The link to one registered Bambu, OctoPrint or Moonraker printer: a thin shell that owns the
/// printer's connection (from the silo's <see cref="IPrinterConnectionFactory"/>) and its
/// stateful dialect adapter (<see cref="DialectLink"/>), and keeps its health
/// (<see cref="LinkHealth"/>). One activation cluster-wide, so the per-printer cache is never
/// split between silos and messages are read in the order the connection delivers them. Kept
/// alive by its heartbeat timer, and woken again by every silo's link keeper after a crash.
/// </summary>
public sealed partial class PrinterLinkGrain(
    IPrinterConnectionFactory connections,
    IOptions<LinkOptions> linkOptions,
    IngressStats stats,
    IPrinterSecrets secrets,
    IPrintFileSender files,
    TimeProvider clock,
    ILogger<PrinterLinkGrain> logger) : Grain, IPrinterLinkGrain
{
    private readonly LinkOptions _options = linkOptions.Value;
    private readonly LinkHealth _health = new();
    private PrinterRegistration? _registration;
    private LinkRegistration? _linkRegistration;
    private DialectLink? _dialect;
    private IPrinterConnection? _connection;
    /// <summary>What the printer's own status last said (retained LWT topics, or the Bambu connection).</summary>
    private bool _printerOnline;
    private bool _capabilitiesSent;
    /// <summary>The job whose file is on its way, so a repeated start does not upload it twice.</summary>
    private string? _uploading;

    private string PrinterId => this.GetPrimaryKeyString();
    private IPrinterGrain Printer => GrainFactory.GetGrain<IPrinterGrain>(PrinterId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The connection lives in this activation: idle collection must not close it.
        this.RegisterGrainTimer(Heartbeat, new GrainTimerCreationOptions { DueTime = _options.HeartbeatEvery, Period = _options.HeartbeatEvery, KeepAlive = true });
        await Reload();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => StopConnection();

    public Task Ensure() => Reload();

    public async Task<bool> Send(PrinterCommand command)
    {
        if (_dialect?.Command(command) is not { } message || _connection is null) return false;
        if (command is { Type: Protocol.PrinterCommandType.Start, File: { } file } && PrintFileAcceptance.NeedsUpload(_registration!))
            return Upload(command, file, message);
        var sent = await _connection.Publish(message, _options.CommandTimeout);
        LogCommand(PrinterId, command.Type, command.JobId, sent);
        return sent;
    }

    /// <summary>
    /// A start with a file: the file goes first, then the start. The upload can take minutes, so it
    /// runs beside the grain's calls (telemetry keeps flowing) and this answers at once: the printer
    /// holds the job meanwhile. If the file does not get there the printer gives the job back.
    /// </summary>
    private bool Upload(PrinterCommand command, PrintFileRef file, OutgoingMessage start)
    {
        var fileName = file.FileNameFor(command.JobId);
        if (PrintFileAcceptance.Refusal(_registration!, file) is { } refusal)
        {
            _health.FileRefused(fileName, refusal);
            LogFileRefused(PrinterId, fileName, refusal);
            return false;
        }
        if (_uploading == command.JobId) return true;
        _uploading = command.JobId;
        _health.FileSending(fileName);
        _ = UploadThenStart(command.JobId, new PrintFileUpload
        {
            PrinterId = PrinterId,
            Printer = _registration!,
            File = file,
            FileName = fileName,
        }, _linkRegistration?.ProtectedSecret, start);
        return true;
    }

    private async Task UploadThenStart(string jobId, PrintFileUpload upload, string? protectedSecret, OutgoingMessage start)
    {
        var connection = _connection;
        string? problem = null;
        try
        {
            string? secret;
            try { secret = protectedSecret is { } kept ? secrets.Unprotect(kept) : null; }
            catch (System.Security.Cryptography.CryptographicException)
            {
                throw new PrintFileRefusedException("the printer's secret cannot be decrypted with the cluster's key ring; register the printer again");
            }
            using var deadline = new CancellationTokenSource(_options.UploadTimeout);
            await files.Send(upload with { Secret = secret }, deadline.Token);
            _health.FileSent(upload.FileName, clock.GetUtcNow());
            LogFileSent(PrinterId, upload.FileName, upload.File.Size);
            if (connection is null || connection != _connection || !await connection.Publish(start, _options.CommandTimeout))
                problem = "the file is on the printer, but the start command could not be sent";
            else LogCommand(PrinterId, Protocol.PrinterCommandType.Start, jobId, true);
        }
        catch (PrintFileRefusedException e) { problem = e.Message; }
        catch (OperationCanceledException) { problem = $"the upload took longer than {_options.UploadTimeout} (Links:UploadTimeout)"; }
        catch (Exception e)
        {
            // Whatever went wrong, the job must not stay reserved on a printer that never got it.
            problem = $"the upload failed ({e.GetType().Name})";
            LogUploadCrashed(PrinterId, upload.FileName, e);
        }
        finally
        {
            if (_uploading == jobId) _uploading = null;
        }
        if (problem is null) return;
        _health.FileRefused(upload.FileName, problem);
        LogFileRefused(PrinterId, upload.FileName, problem);
        try { await Printer.StartFailed(jobId, problem); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The job's own assignment check finds the printer does not hold it and requeues it.
            LogStartFailedUntold(PrinterId, jobId, e.Message);
        }
    }

    public Task<PrinterLinkStatus> Status() => Task.FromResult(_health.Status());

    public async Task Deliver(string topic, byte[] payload, DateTimeOffset receivedAt)
    {
        if (_dialect is null) return;
        _health.Received(receivedAt);
        DialectUpdate update;
        try
        {
            if (_dialect.Reply(topic, payload) is { } reply && _health.Replied(reply))
            {
                if (reply.Accepted) LogCommandsAccepted(PrinterId, reply.Command);
                else LogCommandRefused(PrinterId, reply.Command, reply.Reason ?? "no reason given");
            }
            update = _dialect.Handle(topic, payload, receivedAt);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            await Dropped(topic, ex.Message);
            return;
        }
        await Forward(update, receivedAt);
    }

    public Task Dropped(string topic, string reason)
    {
        _health.Dropped();
        stats.CountMalformed();
        LogMalformed(PrinterId, topic, reason);
        return Task.CompletedTask;
    }

    public async Task ConnectionChanged(bool connected, string? problem, DateTimeOffset at)
    {
        if (_dialect is null || _connection is null) return;
        if (connected)
        {
            _health.Connected(at);
            if (_dialect.OnConnected(at) is { } first) await _connection.Publish(first, _options.CommandTimeout);
        }
        else
        {
            _health.Lost(problem);
        }
        if (_dialect.OwnBroker) await Forward(_dialect.ConnectionUpdate(connected, at), at);
    }

    private async Task Reload()
    {
        var link = await GrainFactory.GetGrain<IPrinterRegistryGrain>(IPrinterRegistryGrain.Key).GetForLink(PrinterId);
        var registration = link?.Registration;
        if (link is null || registration!.Dialect is null or PrinterDialect.Native)
        {
            var wasLinked = _linkRegistration is not null;
            await StopConnection();
            _registration = null;
            _linkRegistration = null;
            _health.NotRegistered(registration is not null);
            if (wasLinked && link is null)
            {
                // Deleted: the printer is out of the farm's reach from now on, and this activation has nothing left to keep.
                LogUnregistered(PrinterId);
                await Printer.Status(new PrinterStatusReport { Online = false, ReceivedAt = clock.GetUtcNow() });
                DeactivateOnIdle();
            }
            return;
        }
        if (_connection is not null && _linkRegistration is not null && _linkRegistration.SameAs(link)) return;

        await StopConnection();
        _registration = registration;
        _linkRegistration = link;
        _dialect = DialectLink.For(registration, _options.PushAllMinInterval);
        _capabilitiesSent = false;
        _printerOnline = false;
        try
        {
            // Unprotected only here, for the connection's password; never kept in a field of the grain.
            string? secret;
            try { secret = link.ProtectedSecret is { } kept ? secrets.Unprotect(kept) : null; }
            catch (System.Security.Cryptography.CryptographicException)
            {
                throw new InvalidOperationException("the printer's access code cannot be decrypted with the cluster's key ring; delete the registration and register the printer again");
            }
            var settings = LinkSettings.For(registration, secret, _dialect, _options, connections.FarmBroker, clock);
            _connection = connections.Connect(settings, new GrainSink(this.AsReference<IPrinterLinkGrain>()));
            _health.Connecting();
            _connection.Start();
            LogStarted(PrinterId, registration.Dialect.Value, settings.ToString());
        }
        catch (InvalidOperationException ex)
        {
            _health.Misconfigured(ex.Message);
            LogMisconfigured(PrinterId, ex.Message);
        }
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
            // evidently up, and the dispatchers need its capabilities before they can give it work.
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

    /// <summary>Tells the printer grain it is up while the link knows it is, so a quiet idle printer stays Online.</summary>
    private async Task Heartbeat(CancellationToken cancellationToken)
    {
        if (_dialect is null || _registration is null || !_health.IsConnected || !_printerOnline) return;
        var now = clock.GetUtcNow();
        if (_dialect.OwnBroker && (_health.LastMessageAt is not { } last || now - last > _options.BambuSilence)) return;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId}: file {FileName} uploaded ({Bytes} bytes)")]
    private partial void LogFileSent(string printerId, string fileName, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: file {FileName} not uploaded: {Problem}")]
    private partial void LogFileRefused(string printerId, string fileName, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Printer {PrinterId}: the upload of {FileName} failed unexpectedly")]
    private partial void LogUploadCrashed(string printerId, string fileName, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: could not give job {JobId} back after its upload failed ({Error}); its assignment check will")]
    private partial void LogStartFailedUntold(string printerId, string jobId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId}: registration deleted, link stopped")]
    private partial void LogUnregistered(string printerId);

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
