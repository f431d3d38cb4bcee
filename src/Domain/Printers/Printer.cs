using PrintFarm.Delivery;
using PrintFarm.Dispatch;
using PrintFarm.Estimates;
using PrintFarm.Protocol;

namespace PrintFarm.Printers;

/// <summary>
/// A printer's rules over <see cref="PrinterState"/> plus its latest telemetry. Pure: no Orleans,
/// no clock of its own. The job grain, not the printer, decides what an event means for a job;
/// the printer only keeps track of whether it is free.
/// </summary>
public sealed class Printer(string printerId, PrinterState state, PrinterOptions options)
{
    private const int RememberedEvents = 64;

    public string PrinterId { get; } = printerId;
    public PrinterState State { get; } = state;
    public PrinterTelemetry? Live { get; private set; }

    private DateTimeOffset? _idleWithoutJobSince;
    private DateTimeOffset? _freeSince;
    private int? _reservedJobSeconds;
    private DateTimeOffset _lastProgressReport, _lastIdleAnnounce, _lastForecast;
    private string? _progressReportedFor;

    public bool IsKnown => State.Capabilities is not null || State.LastSeenAt is not null;

    /// <summary>
    /// The printer has said what it is (its status on the farm topics, or its registration): only
    /// then does the farm follow its telemetry and events. Anything from a printer id that never
    /// announced itself is counted and dropped, so a stray or forged topic creates no printer.
    /// </summary>
    public bool IsAnnounced => State.Capabilities is not null;

    /// <summary>The pools (technology + material) whose dispatchers this printer takes work from.</summary>
    public IReadOnlyList<PoolKey> Pools => State.Capabilities is { } caps ? PoolKey.Of(caps.Technology, caps.Materials).ToList() : [];

    /// <summary>Jobs this printer lost whose grains have not heard so yet.</summary>
    public Outbox<string> LostJobs => new(State.LostJobsToTell);

    /// <summary>
    /// Whether the job should hear of this event. A job's start always goes to the job (which
    /// ignores one it was not assigned); how a job ended goes only to the job this printer holds:
    /// a finish for a job it does not hold is someone else's story, or nobody's.
    /// </summary>
    public bool JobShouldHear(PrinterJobEvent jobEvent) => jobEvent.Type switch
    {
        PrinterEventType.JobStarted => true,
        PrinterEventType.JobFinished or PrinterEventType.JobFailed or PrinterEventType.JobCancelled => jobEvent.JobId == State.CurrentJobId,
        _ => false,
    };

    /// <summary>Free for a new job: in service, online, no job reserved or running, not paused or in error.</summary>
    public bool IsAvailable =>
        !State.OutOfService
        && State.Connectivity == Connectivity.Online
        && State.CurrentJobId is null
        && State.Capabilities is not null
        && State.Activity is PrinterActivity.Idle;

    /// <returns>True when something worth storing changed.</returns>
    public bool ApplyStatus(PrinterStatusReport report)
    {
        var changed = false;
        if (report.Capabilities is not null && report.Capabilities != State.Capabilities)
        {
            State.Capabilities = report.Capabilities;
            changed = true;
        }
        var connectivity = report.Online ? Connectivity.Online : Connectivity.Offline;
        if (connectivity != State.Connectivity)
        {
            State.Connectivity = connectivity;
            State.ConnectivitySince = report.ReceivedAt;
            changed = true;
        }
        if (report.Online) State.LastSeenAt = report.ReceivedAt;
        return changed;
    }

    /// <summary>
    /// The outcome of the printer's current job when the telemetry says the job ended but its
    /// event has not been seen; null otherwise.
    /// </summary>
    public PrinterJobEvent? MissedOutcome(PrinterTelemetry telemetry) =>
        telemetry.LastOutcome is { } outcome
        && outcome.JobId == State.CurrentJobId
        && telemetry.JobId != outcome.JobId
        && !State.RecentEventIds.Contains(outcome.EventId)
            ? outcome
            : null;

    public TelemetryOutcome ApplyTelemetry(PrinterTelemetry telemetry)
    {
        Live = telemetry;
        var now = telemetry.ReceivedAt;
        State.LastSeenAt = now;

        var connectivityChanged = State.Connectivity != Connectivity.Online;
        if (connectivityChanged)
        {
            State.Connectivity = Connectivity.Online;
            State.ConnectivitySince = now;
        }

        string? lost = null;
        // A printer whose report says how the job ended has not lost it: that outcome is on its way.
        if (State.CurrentJobId is { } current && telemetry.JobId is null && telemetry.Activity is PrinterActivity.Idle
            && telemetry.LastOutcome?.JobId != current
            && now - (State.CurrentJobSince ?? now) > options.LostJobGrace)
        {
            // Idle with no job, long after it was given one: it restarted or the job was cleared
            // by hand. But telemetry and events travel on different topics and can pass each
            // other, so one idle report next to a finish still in flight proves nothing: only a
            // printer that stays idle for a while has really lost the job.
            _idleWithoutJobSince ??= now;
            if (now - _idleWithoutJobSince.Value >= options.LostJobConfirm)
            {
                lost = current;
                State.LostJobsToTell.Add(current);
                State.CurrentJobId = null;
                State.CurrentJobSince = null;
                _idleWithoutJobSince = null;
            }
        }
        else
        {
            _idleWithoutJobSince = null;
        }

        var activityChanged = State.Activity != telemetry.Activity;
        State.Activity = telemetry.Activity;

        var progressFor = telemetry.JobId is not null && telemetry.JobId == State.CurrentJobId
            && telemetry.Activity is PrinterActivity.Printing or PrinterActivity.Paused
            ? telemetry.JobId
            : null;
        return new TelemetryOutcome(connectivityChanged, activityChanged, progressFor, lost);
    }

    public bool HasSeen(PrinterJobEvent jobEvent) => State.RecentEventIds.Contains(jobEvent.EventId);

    public PrinterEventOutcome ApplyEvent(PrinterJobEvent jobEvent)
    {
        if (State.RecentEventIds.Contains(jobEvent.EventId)) return new(false, false);
        State.RecentEventIds.Add(jobEvent.EventId);
        if (State.RecentEventIds.Count > RememberedEvents) State.RecentEventIds.RemoveAt(0);
        State.LastSeenAt = jobEvent.ReceivedAt;

        switch (jobEvent.Type)
        {
            case PrinterEventType.JobStarted:
                State.CurrentJobId = jobEvent.JobId;
                State.CurrentJobSince ??= jobEvent.ReceivedAt;
                State.Activity = PrinterActivity.Printing;
                return new(true, false);
            case PrinterEventType.JobPaused:
                if (State.CurrentJobId == jobEvent.JobId) State.Activity = PrinterActivity.Paused;
                return new(true, false);
            case PrinterEventType.JobResumed:
                if (State.CurrentJobId == jobEvent.JobId) State.Activity = PrinterActivity.Printing;
                return new(true, false);
            case PrinterEventType.JobFinished or PrinterEventType.JobFailed or PrinterEventType.JobCancelled:
                // Only the job it holds counts: an event about another job changes no counter.
                if (State.CurrentJobId != jobEvent.JobId) return new(true, false);
                switch (jobEvent.Type)
                {
                    case PrinterEventType.JobFinished: State.JobsPrinted++; break;
                    case PrinterEventType.JobFailed: State.JobsFailed++; break;
                    default: State.JobsCancelled++; break; // a person's decision, not the printer's failure
                }
                State.CurrentJobId = null;
                State.CurrentJobSince = null;
                State.Activity = PrinterActivity.Idle;
                return new(true, true);
            default:
                return new(true, false);
        }
    }

    /// <summary>Holds the printer for a job before the start command goes out. Idempotent per job.</summary>
    public bool TryReserve(string jobId, DateTimeOffset now, int? estimatedSeconds = null)
    {
        if (State.CurrentJobId == jobId) return true;
        if (!IsAvailable) return false;
        State.CurrentJobId = jobId;
        State.CurrentJobSince = now;
        State.Activity = PrinterActivity.Preparing;
        _reservedJobSeconds = estimatedSeconds;
        return true;
    }

    /// <summary>
    /// Progress goes to the job and the fleet view at most every <see cref="PrinterOptions.ProgressReportEvery"/>,
    /// except a job's first progress, which goes at once: an idle report just before a print
    /// started must not hold back the first figures the order and its customer see of it.
    /// </summary>
    public bool ProgressReportDue(DateTimeOffset now, string? progressForJob = null)
    {
        var firstOfJob = progressForJob is not null && progressForJob != _progressReportedFor;
        if (!firstOfJob && now - _lastProgressReport < options.ProgressReportEvery) return false;
        _lastProgressReport = now;
        if (progressForJob is not null) _progressReportedFor = progressForJob;
        return true;
    }

    /// <summary>An idle printer reminds its dispatchers now and then that it is free (self-healing).</summary>
    public bool IdleAnnounceDue(DateTimeOffset now) => IsAvailable && now - _lastIdleAnnounce >= options.IdleAnnounceEvery;

    public void Announced(DateTimeOffset now)
    {
        if (IsAvailable) _lastIdleAnnounce = now;
    }

    /// <summary>A printing printer refreshes its expected free time every <see cref="PrinterOptions.ForecastEvery"/>; transitions always do.</summary>
    public bool ForecastDue(DateTimeOffset now) => now - _lastForecast >= options.ForecastEvery;

    /// <summary>
    /// When this printer expects to be free, for the projected schedule: its current print's
    /// expected end (what it reports left, else the job's estimate), or the moment it became idle.
    /// Null until it has said what it is.
    /// </summary>
    public PrinterForecast? Forecast(DateTimeOffset now)
    {
        if (State.Capabilities is not { } caps) return null;
        _lastForecast = now;
        DateTimeOffset freeAt;
        if (State.CurrentJobId is { } current)
        {
            _freeSince = null;
            var remaining = Live?.JobId == current && Live.RemainingSeconds is { } seconds ? seconds : _reservedJobSeconds ?? options.UnknownJobSeconds;
            freeAt = now + TimeSpan.FromSeconds(remaining);
        }
        else
        {
            freeAt = _freeSince ??= now;
        }
        // Out of service it takes no work, so the projected schedule plans nothing on it.
        var online = State.Connectivity == Connectivity.Online && State.Activity is not PrinterActivity.Error && !State.OutOfService;
        return new PrinterForecast(PrinterId, caps.Technology, caps.Materials, caps.Model, freeAt, online);
    }

    /// <summary>
    /// An operator takes the printer out of service or puts it back. Out of service it is not
    /// <see cref="IsAvailable"/>, so its pools stop offering it work; a job it holds carries on.
    /// </summary>
    /// <returns>True when something worth storing changed (a new reason counts).</returns>
    public bool SetInService(bool inService, string? reason, DateTimeOffset now)
    {
        var newReason = inService ? null : PrinterServiceReason.Normalize(reason);
        if (State.OutOfService == !inService && State.OutOfServiceReason == newReason) return false;
        if (State.OutOfService == inService) State.OutOfServiceSince = inService ? null : now;
        State.OutOfService = !inService;
        State.OutOfServiceReason = newReason;
        return true;
    }

    /// <summary>The start command could not be sent: give the reservation back.</summary>
    public void Release(string jobId)
    {
        if (State.CurrentJobId != jobId) return;
        State.CurrentJobId = null;
        State.CurrentJobSince = null;
        State.Activity = PrinterActivity.Idle;
    }

    /// <returns>True when the printer just went quiet for too long and is now Offline.</returns>
    public bool CheckSilence(DateTimeOffset now)
    {
        if (State.Connectivity != Connectivity.Online) return false;
        if (State.LastSeenAt is { } seen && now - seen <= options.OfflineAfter) return false;
        State.Connectivity = Connectivity.Offline;
        State.ConnectivitySince = now;
        return true;
    }

    public PrinterSummary Summary() => new()
    {
        PrinterId = PrinterId,
        Model = State.Capabilities?.Model,
        Technology = State.Capabilities?.Technology,
        Materials = State.Capabilities?.Materials ?? [],
        BuildVolume = State.Capabilities?.BuildVolume,
        Firmware = State.Capabilities?.Firmware,
        Connectivity = State.Connectivity,
        Activity = State.Connectivity == Connectivity.Online ? State.Activity : PrinterActivity.Idle,
        CurrentJobId = State.CurrentJobId,
        Progress = State.CurrentJobId is not null && Live?.JobId == State.CurrentJobId ? Finite(Live.Progress) : null,
        RemainingSeconds = State.CurrentJobId is not null && Live?.JobId == State.CurrentJobId ? Live.RemainingSeconds : null,
        // A listing is written as JSON, which has no NaN: a number that is not finite is left out
        // (the adapters drop them already; this keeps one bad printer from breaking every listing).
        NozzleTemperature = Finite(Live?.NozzleTemperature),
        BedTemperature = Finite(Live?.BedTemperature),
        Error = Live?.Error,
        LastSeenAt = State.LastSeenAt,
        JobsPrinted = State.JobsPrinted,
        JobsFailed = State.JobsFailed,
        JobsCancelled = State.JobsCancelled,
        OutOfService = State.OutOfService,
        OutOfServiceReason = State.OutOfServiceReason,
        NozzleDiameter = Finite(State.Capabilities?.NozzleDiameter),
    };

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
