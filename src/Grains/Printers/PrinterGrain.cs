using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Delivery;
using PrintFarm.Dispatch;
using PrintFarm.Jobs;
using PrintFarm.Maintenance;
using PrintFarm.Metrics;
using PrintFarm.Protocol;

namespace PrintFarm.Printers;

/// <summary>
/// A thin shell over <see cref="Printer"/>: follows telemetry in memory, stores transitions,
/// forwards job events to the job grains, and keeps its pools' dispatchers and the fleet view
/// informed.
/// </summary>
public sealed partial class PrinterGrain(
    [PersistentState("printer", FarmStorage.Name)] IPersistentState<PrinterState> state,
    IPrinterCommandSender commands,
    MaintenanceCopy maintenance,
    IngressStats ingress,
    IOptions<PrinterOptions> options,
    IOptions<DeliveryOptions> delivery,
    TimeProvider clock,
    ILogger<PrinterGrain> logger) : Grain, IPrinterGrain
{
    private Printer _printer = null!;
    private Courier<string> _lostJobs = null!;
    private IReadOnlyList<PoolKey> _announcedTo = [];
    private bool _unknownLogged;

    private DateTimeOffset Now => clock.GetUtcNow();
    private string PrinterId => this.GetPrimaryKeyString();
    private IPrinterReports Reports => GrainFactory.GetGrain<IPrinterReports>(PrinterReports.Key);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _printer = new Printer(PrinterId, state.State, options.Value);
        _lostJobs = new Courier<string>(this, () => _printer.LostJobs, job => GrainFactory.GetGrain<IPrintJobGrain>(job).Lost(PrinterId),
            () => state.WriteStateAsync(), $"Printer {PrinterId}'s lost jobs", delivery.Value, logger);
        var every = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, options.Value.OfflineAfter.Ticks / 3));
        this.RegisterGrainTimer(Watch, new GrainTimerCreationOptions { DueTime = every, Period = every });
        if (!_printer.LostJobs.IsEmpty) _lostJobs.DeliverAfter(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public async Task Telemetry(PrinterTelemetry telemetry)
    {
        if (!_printer.IsAnnounced)
        {
            Unknown("telemetry");
            return;
        }
        if (FarmMetrics.TelemetryLatency.Enabled && telemetry.SourceTime is { } sent)
            FarmMetrics.TelemetryLatency.Record((Now - sent).TotalMilliseconds);
        if (_printer.MissedOutcome(telemetry) is { } missed)
        {
            // The outcome event never reached us (lost in flight, or we were down when it was
            // sent); the printer still remembers it, so take it from here. Its event id makes the
            // real event, should it arrive after all, a duplicate.
            LogRecoveredOutcome(PrinterId, missed.Type, missed.JobId);
            try
            {
                await Event(missed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The job is out of reach for now; the next report recovers the outcome again.
                // Meanwhile the printer's own state (seen, online) still follows its reports.
                LogOutcomeNotDelivered(PrinterId, missed.JobId, e.Message);
            }
        }
        var outcome = _printer.ApplyTelemetry(telemetry);
        if (outcome.LostJob is { } lost) LogLostJob(PrinterId, lost);
        if (outcome.ConnectivityChanged || outcome.LostJob is not null)
        {
            if (outcome.ConnectivityChanged) LogConnectivity(PrinterId, Connectivity.Online);
            await state.WriteStateAsync();
        }
        if (outcome.LostJob is not null) await _lostJobs.Deliver();

        var progressDue = _printer.ProgressReportDue(Now, outcome.ProgressForJob);
        if (outcome.ProgressForJob is { } jobId && progressDue)
            GrainFactory.GetGrain<IPrintJobGrain>(jobId).Progress(PrinterId, telemetry.Progress ?? 0, telemetry.RemainingSeconds).Ignore();
        if (outcome.ConnectivityChanged || outcome.ActivityChanged || outcome.LostJob is not null || progressDue) Report();
        if (outcome.ConnectivityChanged || outcome.LostJob is not null) AnnounceAvailability();
        else if (_printer.ForecastDue(Now)) SendForecast();
    }

    public async Task Event(PrinterJobEvent jobEvent)
    {
        if (_printer.HasSeen(jobEvent))
        {
            LogDuplicateEvent(PrinterId, jobEvent.EventId);
            return;
        }
        if (!_printer.IsAnnounced)
        {
            Unknown($"{jobEvent.Type} for job {jobEvent.JobId}");
            return;
        }
        LogEvent(PrinterId, jobEvent.Type, jobEvent.JobId, jobEvent.Reason);
        // Tell the job before taking the event in: if the job is out of reach (its silo just
        // died) this throws and nothing here changed, so the broker's redelivery or the next
        // telemetry's last outcome brings the event again; the job's transitions are idempotent.
        if (_printer.JobShouldHear(jobEvent)) await TellJob(jobEvent);
        else if (jobEvent.Type is not (PrinterEventType.JobPaused or PrinterEventType.JobResumed)) LogNotHeld(PrinterId, jobEvent.Type, jobEvent.JobId);
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
        if (!_printer.TryReserve(assignment.JobId, Now, assignment.EstimatedPrintSeconds)) return false;
        await state.WriteStateAsync();
        var sent = await commands.Send(PrinterId, new PrinterCommand(
            PrinterCommandType.Start, assignment.JobId, assignment.Design, assignment.Material, assignment.EstimatedPrintSeconds, assignment.File));
        if (!sent)
        {
            LogCommandNotSent(PrinterId, assignment.JobId);
            _printer.Release(assignment.JobId);
            await state.WriteStateAsync();
            return false;
        }
        LogStartSent(PrinterId, assignment.JobId, assignment.Attempt);
        Report();
        AnnounceAvailability(); // busy now: its other pools stop offering it work
        return true;
    }

    public async Task StartFailed(string jobId, string problem)
    {
        // Only a reservation the printer has not started: a report of the job printing wins.
        if (state.State.CurrentJobId != jobId || state.State.Activity != Protocol.PrinterActivity.Preparing) return;
        LogStartFailed(PrinterId, jobId, problem);
        _printer.Release(jobId);
        await state.WriteStateAsync();
        Report();
        AnnounceAvailability();
        await GrainFactory.GetGrain<Jobs.IPrintJobGrain>(jobId).StartRefused(PrinterId);
    }

    public Task<bool> Holds(string jobId) => Task.FromResult(state.State.CurrentJobId == jobId);

    public Task<bool> IsKnown() => Task.FromResult(_printer.IsKnown);

    /// <summary>With its current or next maintenance window, worked out from the cron now.</summary>
    public Task<PrinterSummary?> Get() =>
        Task.FromResult(_printer.IsKnown ? maintenance.Schedule.At(Now).WithMaintenance(_printer.Summary()) : null);

    public Task<PrinterSummary?> PauseJob() => Steer(PrinterCommandType.Pause);

    public Task<PrinterSummary?> ResumeJob() => Steer(PrinterCommandType.Resume);

    /// <summary>
    /// Only sends the stop: the printer's report of it (JobCancelled) ends the job, as a stop at
    /// the printer does, so a stop the printer never made changes nothing here.
    /// </summary>
    public Task<PrinterSummary?> CancelJob() => Steer(PrinterCommandType.Cancel);

    public async Task<PrinterSummary?> SetInService(bool inService, string? reason)
    {
        if (PrinterServiceReason.Problem(reason) is { } problem) throw new ArgumentException(problem, nameof(reason));
        if (!_printer.IsKnown) return null;
        if (_printer.SetInService(inService, reason, Now))
        {
            await state.WriteStateAsync();
            LogService(PrinterId, inService ? "back in service" : "out of service", state.State.OutOfServiceReason);
            Report();
            AnnounceAvailability(); // out: its pools stop offering it work; back: it offers itself if free
        }
        return await Get();
    }

    private async Task<PrinterSummary?> Steer(PrinterCommandType type)
    {
        if (!_printer.IsKnown) return null;
        if (PrinterSteering.Refusal(PrinterId, state.State, type) is { } refusal)
        {
            LogSteeringRefused(PrinterId, type, refusal);
            throw new PrinterCommandException(refusal);
        }
        var jobId = state.State.CurrentJobId!;
        if (!await commands.Send(PrinterId, new PrinterCommand(type, jobId)))
        {
            LogSteeringNotSent(PrinterId, type, jobId);
            throw new PrinterCommandException($"Printer {PrinterId}: the {PrinterSteering.Verb(type)} of job {jobId} could not be handed to the broker, so nothing was sent. Try again in a moment.");
        }
        LogSteered(PrinterId, type, jobId);
        return await Get();
    }

    private Task TellJob(PrinterJobEvent jobEvent)
    {
        var job = GrainFactory.GetGrain<IPrintJobGrain>(jobEvent.JobId);
        return jobEvent.Type switch
        {
            PrinterEventType.JobStarted => job.Started(PrinterId, state.State.Capabilities?.Model),
            PrinterEventType.JobFinished => job.Printed(PrinterId),
            PrinterEventType.JobFailed => job.Failed(PrinterId, jobEvent.Reason ?? "the printer reported a failure"),
            PrinterEventType.JobCancelled => job.CancelledAtPrinter(PrinterId),
            _ => Task.CompletedTask,
        };
    }

    /// <summary>Marks a silent printer Offline, and reminds the dispatchers of an idle one.</summary>
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
        if (_printer.IdleAnnounceDue(Now)) AnnounceAvailability();
    }

    /// <summary>
    /// Offers the printer to each of its pools' dispatchers while it is free, and withdraws it
    /// from them when it is not (also from a pool it no longer belongs to after a reload).
    /// </summary>
    private void AnnounceAvailability()
    {
        SendForecast();
        var pools = _printer.Pools;
        foreach (var gone in _announcedTo.Except(pools)) Dispatcher(gone).PrinterUnavailable(PrinterId).Ignore();
        _announcedTo = pools;
        if (_printer.IsAvailable)
        {
            _printer.Announced(Now);
            var caps = state.State.Capabilities!;
            var slot = new PrinterSlot(PrinterId, caps.Technology, caps.Materials, caps.Model);
            foreach (var pool in pools) Dispatcher(pool).PrinterAvailable(slot).Ignore();
        }
        else
        {
            foreach (var pool in pools) Dispatcher(pool).PrinterUnavailable(PrinterId).Ignore();
        }
    }

    /// <summary>
    /// Offline mid-print: the job is Stalled until the printer is back. Then its telemetry decides:
    /// progress on the job (printing again), its outcome event (finished or failed while away), or
    /// idle without it (lost, requeued by the lost-job check).
    /// </summary>
    private void StallCurrentJob()
    {
        if (state.State.CurrentJobId is { } jobId && state.State.Activity is PrinterActivity.Printing or PrinterActivity.Paused)
            GrainFactory.GetGrain<IPrintJobGrain>(jobId).Stalled(PrinterId).Ignore();
    }

    private void Report() => Reports.Report(_printer.Summary()).Ignore();

    private void SendForecast()
    {
        if (_printer.Forecast(Now) is { } forecast) Reports.Forecast(forecast).Ignore();
    }

    private IDispatcherGrain Dispatcher(PoolKey pool) => GrainFactory.GetGrain<IDispatcherGrain>(pool.Key);

    private void Unknown(string what)
    {
        ingress.CountUnknownPrinter();
        // Once per activation: a stranger publishing fast must not fill the log. The activation
        // stays until Orleans collects it as idle; deactivating after every message made each
        // next message chase a closing activation, and the printer's own first status (when it
        // does announce itself) could be turned away with them.
        if (_unknownLogged) return;
        _unknownLogged = true;
        LogUnknownPrinter(PrinterId, what);
    }
}
