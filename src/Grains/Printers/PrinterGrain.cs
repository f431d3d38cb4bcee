using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Dispatch;
using PrintFarm.Jobs;
using PrintFarm.Metrics;
using PrintFarm.Protocol;

namespace PrintFarm.Printers;

/// <summary>
/// A thin shell over <see cref="Printer"/>: follows telemetry in memory, stores transitions,
/// forwards job events to the job grains, and keeps the dispatcher and fleet view informed.
/// </summary>
public sealed partial class PrinterGrain(
    [PersistentState("printer", FarmStorage.Name)] IPersistentState<PrinterState> state,
    IPrinterCommandSender commands,
    Maintenance.MaintenanceCopy maintenance,
    IOptions<PrinterOptions> options,
    TimeProvider clock,
    ILogger<PrinterGrain> logger) : Grain, IPrinterGrain
{
    private readonly PrinterOptions _options = options.Value;
    private Printer _printer = null!;
    private DateTimeOffset _lastProgressReport;
    private DateTimeOffset _lastIdleAnnounce;
    private DateTimeOffset _lastForecast;
    private DateTimeOffset? _freeSince;
    private int? _reservedJobSeconds;

    /// <summary>A printing printer refreshes its expected free time this often (transitions always do).</summary>
    private static readonly TimeSpan ForecastEvery = TimeSpan.FromSeconds(15);

    private DateTimeOffset Now => clock.GetUtcNow();
    private string PrinterId => this.GetPrimaryKeyString();
    private IDispatcherGrain Dispatcher => GrainFactory.GetGrain<IDispatcherGrain>(IDispatcherGrain.FarmPool);
    private IPrinterReports Reports => GrainFactory.GetGrain<IPrinterReports>(PrinterReports.Key);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _printer = new Printer(PrinterId, state.State, _options);
        var every = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, _options.OfflineAfter.Ticks / 3));
        this.RegisterGrainTimer(Watch, new GrainTimerCreationOptions { DueTime = every, Period = every });
        return Task.CompletedTask;
    }

    public async Task Telemetry(PrinterTelemetry telemetry)
    {
        if (FarmMetrics.TelemetryLatency.Enabled && telemetry.SourceTime is { } sent)
            FarmMetrics.TelemetryLatency.Record((Now - sent).TotalMilliseconds);
        if (_printer.MissedOutcome(telemetry) is { } missed)
        {
            // The job's outcome event never reached us (lost in flight, or we were down when
            // it was sent); the printer still remembers it, so take it from here. Its event id
            // makes the real event, should it arrive after all, a duplicate.
            LogRecoveredOutcome(PrinterId, missed.Type, missed.JobId);
            try
            {
                await Event(missed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The job is out of reach for now; the next report recovers the outcome again.
                // Meanwhile the printer's own state (seen, online) must still follow its reports.
                LogOutcomeNotDelivered(PrinterId, missed.JobId, e.Message);
            }
        }
        var outcome = _printer.ApplyTelemetry(telemetry);
        if (outcome.LostJob is { } lost) LogLostJob(PrinterId, lost);
        var told = state.State.LostJobsToTell.Count > 0 && await TellLostJobs();
        if (outcome.ConnectivityChanged || outcome.LostJob is not null || told)
        {
            if (outcome.ConnectivityChanged) LogConnectivity(PrinterId, Connectivity.Online);
            await state.WriteStateAsync();
        }

        var progressDue = Now - _lastProgressReport >= _options.ProgressReportEvery;
        if (outcome.ProgressForJob is { } jobId && progressDue)
        {
            GrainFactory.GetGrain<IPrintJobGrain>(jobId)
                .Progress(PrinterId, telemetry.Progress ?? 0, telemetry.RemainingSeconds).Ignore();
        }
        if (outcome.ConnectivityChanged || outcome.ActivityChanged || outcome.LostJob is not null || progressDue)
        {
            _lastProgressReport = Now;
            Report();
        }
        if (outcome.ConnectivityChanged || outcome.LostJob is not null) AnnounceAvailability();
        else if (Now - _lastForecast >= ForecastEvery) SendForecast();
    }

    public async Task Event(PrinterJobEvent jobEvent)
    {
        if (_printer.HasSeen(jobEvent))
        {
            LogDuplicateEvent(PrinterId, jobEvent.EventId);
            return;
        }
        LogEvent(PrinterId, jobEvent.Type, jobEvent.JobId, jobEvent.Reason);

        // Tell the job before taking the event in: if the job is out of reach (its silo just
        // died) this throws and nothing here changed, so the broker's redelivery or the next
        // telemetry's last outcome brings the event again; the job's transitions are idempotent.
        var job = GrainFactory.GetGrain<IPrintJobGrain>(jobEvent.JobId);
        switch (jobEvent.Type)
        {
            case PrinterEventType.JobStarted: await job.Started(PrinterId, state.State.Capabilities?.Model); break;
            case PrinterEventType.JobFinished: await job.Printed(PrinterId); break;
            case PrinterEventType.JobFailed: await job.Failed(PrinterId, jobEvent.Reason ?? "the printer reported a failure"); break;
            case PrinterEventType.JobCancelled: await job.Failed(PrinterId, jobEvent.Reason ?? "cancelled at the printer"); break;
        }
        var outcome = _printer.ApplyEvent(jobEvent);
        if (!outcome.IsNew) return; // the same event, redelivered while we were waiting on the job
        await state.WriteStateAsync();
        Report();
        if (outcome.BecameFree) AnnounceAvailability();
    }

    public async Task Status(PrinterStatusReport report)
    {
        if (!_printer.ApplyStatus(report)) return;
        LogConnectivity(PrinterId, state.State.Connectivity);
        if (state.State.Connectivity == Connectivity.Offline) StallCurrentJob();
        await state.WriteStateAsync();
        Report();
        AnnounceAvailability();
    }

    public async Task<bool> StartJob(PrintJobAssignment assignment)
    {
        if (!_printer.TryReserve(assignment.JobId, Now)) return false;
        await state.WriteStateAsync();

        var sent = await commands.Send(PrinterId, new PrinterCommand(
            PrinterCommandType.Start, assignment.JobId, assignment.Design, assignment.Material, assignment.EstimatedPrintSeconds));
        if (!sent)
        {
            LogCommandNotSent(PrinterId, assignment.JobId);
            _printer.Release(assignment.JobId);
            await state.WriteStateAsync();
            return false;
        }
        LogStartSent(PrinterId, assignment.JobId, assignment.Attempt);
        _reservedJobSeconds = assignment.EstimatedPrintSeconds;
        Report();
        SendForecast();
        return true;
    }

    public Task<bool> Holds(string jobId) => Task.FromResult(state.State.CurrentJobId == jobId);

    /// <summary>With its current or next maintenance window, worked out from the cron now.</summary>
    public Task<PrinterSummary?> Get() =>
        Task.FromResult(_printer.IsKnown ? maintenance.Schedule.At(Now).WithMaintenance(_printer.Summary()) : null);

    /// <summary>
    /// Tells each lost job it is lost. One out of reach stays on the list, stored, and is told
    /// on a later report: a job never waits forever on a printer that has moved on.
    /// </summary>
    private async Task<bool> TellLostJobs()
    {
        var told = false;
        foreach (var jobId in state.State.LostJobsToTell.ToList())
        {
            try
            {
                await GrainFactory.GetGrain<IPrintJobGrain>(jobId).Lost(PrinterId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogOutcomeNotDelivered(PrinterId, jobId, e.Message);
                break;
            }
            state.State.LostJobsToTell.Remove(jobId);
            told = true;
        }
        return told;
    }

    /// <summary>Marks a silent printer Offline, and reminds the dispatcher of an idle one.</summary>
    private async Task Watch(CancellationToken cancellationToken)
    {
        if (_printer.CheckSilence(Now))
        {
            LogConnectivity(PrinterId, Connectivity.Offline);
            StallCurrentJob();
            await state.WriteStateAsync();
            Report();
            AnnounceAvailability();
            return;
        }
        if (_printer.IsAvailable && Now - _lastIdleAnnounce >= _options.IdleAnnounceEvery) AnnounceAvailability();
    }

    private void AnnounceAvailability()
    {
        SendForecast();
        if (_printer.IsAvailable)
        {
            _lastIdleAnnounce = Now;
            var caps = state.State.Capabilities!;
            Dispatcher.PrinterAvailable(new PrinterSlot(PrinterId, caps.Technology, caps.Materials)).Ignore();
        }
        else
        {
            Dispatcher.PrinterUnavailable(PrinterId).Ignore();
        }
    }

    /// <summary>
    /// Offline mid-print: the job is Stalled until the printer is back. Then its telemetry decides:
    /// progress on the job (printing again), its outcome event (finished or failed while away), or
    /// idle without it (lost, requeued by the lost-job check).
    /// </summary>
    private void StallCurrentJob()
    {
        if (state.State.CurrentJobId is { } jobId && state.State.Activity is Protocol.PrinterActivity.Printing or Protocol.PrinterActivity.Paused)
            GrainFactory.GetGrain<IPrintJobGrain>(jobId).Stalled(PrinterId).Ignore();
    }

    private void Report() => Reports.Report(_printer.Summary()).Ignore();

    /// <summary>Tells the dispatcher's projected schedule when this printer expects to be free.</summary>
    private void SendForecast()
    {
        if (state.State.Capabilities is not { } caps) return;
        _lastForecast = Now;
        var busy = state.State.CurrentJobId is not null;
        DateTimeOffset freeAt;
        if (busy)
        {
            _freeSince = null;
            var live = _printer.Live;
            var remaining = live?.JobId == state.State.CurrentJobId && live?.RemainingSeconds is { } seconds ? seconds : _reservedJobSeconds ?? 600;
            freeAt = Now + TimeSpan.FromSeconds(remaining);
        }
        else
        {
            freeAt = _freeSince ??= Now;
        }
        var online = state.State.Connectivity == Connectivity.Online && state.State.Activity is not Protocol.PrinterActivity.Error;
        Reports.Forecast(new Estimates.PrinterForecast(PrinterId, caps.Technology, caps.Materials, caps.Model, freeAt, online)).Ignore();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: the outcome of job {JobId} could not reach the job yet (tried again on the next report): {Error}")]
    private partial void LogOutcomeNotDelivered(string printerId, string jobId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId} is {Connectivity}")]
    private partial void LogConnectivity(string printerId, Connectivity connectivity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: {EventType} for job {JobId} recovered from telemetry; the event itself never arrived")]
    private partial void LogRecoveredOutcome(string printerId, PrinterEventType eventType, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId}: {EventType} for job {JobId} {Reason}")]
    private partial void LogEvent(string printerId, PrinterEventType eventType, string jobId, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Printer {PrinterId}: event {EventId} already handled")]
    private partial void LogDuplicateEvent(string printerId, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId} is idle without job {JobId}: the job was lost")]
    private partial void LogLostJob(string printerId, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: could not send the start of job {JobId}")]
    private partial void LogCommandNotSent(string printerId, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId}: start of job {JobId} sent (attempt {Attempt})")]
    private partial void LogStartSent(string printerId, string jobId, int attempt);
}
