using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PrintFarm.Protocol;

namespace PrintFarm.PrinterSimulator;

/// <summary>
/// One virtual printer as a state machine: commands and the passing of time go in, telemetry and
/// job events come out. It knows nothing about MQTT, so it can be driven directly from tests.
/// Thread-safe: commands arrive on the MQTT receive path while the fleet loop ticks.
/// </summary>
public sealed class SimulatedPrinter
{
    /// <summary>Used when a Start carries no slicer estimate, so the job still takes a while.</summary>
    public static readonly TimeSpan DefaultJobDuration = TimeSpan.FromMinutes(10);

    private static readonly string[] FailureReasons =
        ["nozzle clog", "bed adhesion lost", "filament runout", "layer shift", "spaghetti detected"];

    private const double AmbientCelsius = 22;
    private const double JobNoise = 0.05;

    private readonly Lock _gate = new();
    private readonly Random _jobRandom;
    // Sensor noise draws from its own stream so telemetry rate cannot change job outcomes.
    private readonly Random _sensorRandom;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Heater _nozzle = new(AmbientCelsius, TimeSpan.FromSeconds(30));
    private readonly Heater _bed = new(AmbientCelsius, TimeSpan.FromSeconds(90));
    private DateTimeOffset _heatersAt;
    private PrintJobRun? _job;
    // Real firmware remembers how its last job ended (Bambu FINISH/FAILED, OctoPrint state);
    // it rides on every tick so a lost outcome event is recovered.
    private PrinterEventMessage? _lastOutcome;

    /// <param name="speedFactor">How much slower (&gt;1) or faster (&lt;1) than the slicer estimate this printer prints.</param>
    /// <param name="random">Seeded per printer; all job randomness (duration noise, failures) comes from it.</param>
    /// <param name="failureRate">Chance 0..1 that a job fails at some point of its run.</param>
    public SimulatedPrinter(string id, PrinterCapabilities capabilities, double speedFactor, Random random,
        double failureRate, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speedFactor);
        if (double.IsNaN(failureRate) || failureRate is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(failureRate), failureRate, "Failure rate must be between 0 and 1.");
        if (capabilities.Materials.Count == 0)
            throw new ArgumentException("A printer needs at least one material loaded.", nameof(capabilities));

        Id = id;
        Capabilities = capabilities;
        SpeedFactor = speedFactor;
        FailureRate = failureRate;
        _jobRandom = random;
        _sensorRandom = new Random(random.Next());
        _time = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        _heatersAt = timeProvider.GetUtcNow();
    }

    public string Id { get; }
    public PrinterCapabilities Capabilities { get; }
    public double SpeedFactor { get; }
    public double FailureRate { get; }

    /// <summary>The material on the spool holder; jobs asking for something else are refused.</summary>
    public string LoadedMaterial => Capabilities.Materials[0];

    public PrinterActivity Activity
    {
        get
        {
            lock (_gate) return ActivityOf(_job);
        }
    }

    public string? CurrentJobId
    {
        get
        {
            lock (_gate) return _job?.JobId;
        }
    }

    /// <summary>The file the current job prints, as its start command named it; firmware will not overwrite it.</summary>
    public string? CurrentFile
    {
        get
        {
            lock (_gate) return _job?.File;
        }
    }

    public PrinterStatusMessage OnlineStatus() => Capabilities.ToOnlineStatus(_time.GetUtcNow());

    public PrinterStatusMessage OfflineStatus() => new() { Online = false, At = _time.GetUtcNow() };

    /// <summary>
    /// Applies a command and returns the events to publish, in order. Events that fell due before
    /// the command (a job that finished since the last tick) come first.
    /// </summary>
    public IReadOnlyList<PrinterEventMessage> Handle(PrinterCommandMessage command)
    {
        ArgumentNullException.ThrowIfNull(command);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var events = new List<PrinterEventMessage>();
            Advance(now, events);

            if (string.IsNullOrWhiteSpace(command.JobId))
            {
                _logger.LogWarning("{PrinterId} ignored {CommandType} command {CommandId}: it names no job",
                    Id, command.Type, command.CommandId);
                return events;
            }

            switch (command.Type)
            {
                case PrinterCommandType.Start:
                    Start(command, now, events);
                    break;
                case PrinterCommandType.Pause:
                    Pause(command, now, events);
                    break;
                case PrinterCommandType.Resume:
                    Resume(command, now, events);
                    break;
                case PrinterCommandType.Cancel:
                    Cancel(command, now, events);
                    break;
                default:
                    _logger.LogWarning("{PrinterId} ignored unknown command type {CommandType} for job {JobId}",
                        Id, command.Type, command.JobId);
                    break;
            }
            return events;
        }
    }

    /// <summary>Moves the printer to the present: finishes or fails the job if due, and samples telemetry.</summary>
    public PrinterTick Tick()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var events = new List<PrinterEventMessage>();
            Advance(now, events);
            return new PrinterTick(Telemetry(now), events);
        }
    }

    private void Start(PrinterCommandMessage command, DateTimeOffset now, List<PrinterEventMessage> events)
    {
        if (_job is { } current)
        {
            if (current.JobId == command.JobId)
            {
                // QoS 1 means at-least-once: the same Start can arrive twice.
                _logger.LogInformation("{PrinterId} ignored duplicate Start for job {JobId} it is already printing",
                    Id, command.JobId);
                return;
            }
            _logger.LogWarning("{PrinterId} refused job {JobId}: busy with job {CurrentJobId}",
                Id, command.JobId, current.JobId);
            events.Add(NewEvent(PrinterEventType.JobFailed, command.JobId, now,
                reason: $"printer busy with job {current.JobId}"));
            return;
        }

        if (command.Material is { Length: > 0 } wanted
            && !Capabilities.Materials.Contains(wanted, StringComparer.OrdinalIgnoreCase))
        {
            _logger.LogWarning("{PrinterId} refused job {JobId}: needs {Material}, {LoadedMaterial} is loaded",
                Id, command.JobId, wanted, LoadedMaterial);
            events.Add(NewEvent(PrinterEventType.JobFailed, command.JobId, now,
                reason: $"wrong material: job needs {wanted}, printer has {LoadedMaterial} loaded"));
            return;
        }

        // Draw the same values for every job whatever the outcome, so one job's fate does not
        // shift the random stream for the jobs after it.
        var noise = 1 + (_jobRandom.NextDouble() * 2 - 1) * JobNoise;
        var failRoll = _jobRandom.NextDouble();
        var failPoint = _jobRandom.NextDouble();
        var reason = FailureReasons[_jobRandom.Next(FailureReasons.Length)];

        var estimate = command.EstimatedSeconds is > 0 and var seconds
            ? TimeSpan.FromSeconds(seconds)
            : DefaultJobDuration;
        var duration = TimeSpan.FromSeconds(Math.Max(1, estimate.TotalSeconds * SpeedFactor * noise));
        // Keep failures off the very first and last moments so a failed job has visibly run.
        TimeSpan? failAfter = failRoll < FailureRate ? duration * (0.02 + 0.96 * failPoint) : null;

        _job = new PrintJobRun(command.JobId, command.File, command.Material is { Length: > 0 } m ? m : LoadedMaterial,
            duration, failAfter, failAfter is null ? null : reason, now);
        SetHeaterTargets();

        _logger.LogInformation(
            "{PrinterId} started job {JobId} ({File}, {Material}): {DurationSeconds:F0} s against an estimate of {EstimatedSeconds:F0} s",
            Id, command.JobId, command.File ?? "no file", _job.Material, duration.TotalSeconds, estimate.TotalSeconds);
        events.Add(NewEvent(PrinterEventType.JobStarted, command.JobId, now));
    }

    private void Pause(PrinterCommandMessage command, DateTimeOffset now, List<PrinterEventMessage> events)
    {
        if (!IsCurrent(command, out var job)) return;
        if (job.IsPaused)
        {
            _logger.LogInformation("{PrinterId} ignored Pause for job {JobId}: already paused", Id, job.JobId);
            return;
        }
        job.Pause(now);
        _logger.LogInformation("{PrinterId} paused job {JobId}", Id, job.JobId);
        events.Add(NewEvent(PrinterEventType.JobPaused, job.JobId, now, elapsed: job.PrintedAt(now)));
    }

    private void Resume(PrinterCommandMessage command, DateTimeOffset now, List<PrinterEventMessage> events)
    {
        if (!IsCurrent(command, out var job)) return;
        if (!job.IsPaused)
        {
            _logger.LogInformation("{PrinterId} ignored Resume for job {JobId}: it is not paused", Id, job.JobId);
            return;
        }
        job.Resume(now);
        _logger.LogInformation("{PrinterId} resumed job {JobId}", Id, job.JobId);
        events.Add(NewEvent(PrinterEventType.JobResumed, job.JobId, now, elapsed: job.PrintedAt(now)));
    }

    private void Cancel(PrinterCommandMessage command, DateTimeOffset now, List<PrinterEventMessage> events)
    {
        if (!IsCurrent(command, out var job)) return;
        _job = null;
        SetHeaterTargets();
        _logger.LogInformation("{PrinterId} cancelled job {JobId}", Id, job.JobId);
        events.Add(_lastOutcome = NewEvent(PrinterEventType.JobCancelled, job.JobId, now, elapsed: job.PrintedAt(now)));
    }

    private bool IsCurrent(PrinterCommandMessage command, out PrintJobRun job)
    {
        if (_job is { } current && current.JobId == command.JobId)
        {
            job = current;
            return true;
        }
        _logger.LogInformation("{PrinterId} ignored {CommandType} for job {JobId}: current job is {CurrentJobId}",
            Id, command.Type, command.JobId, _job?.JobId ?? "(none)");
        job = null!;
        return false;
    }

    /// <summary>Ends the job if it finished or failed by now, and lets the heaters follow.</summary>
    private void Advance(DateTimeOffset now, List<PrinterEventMessage> events)
    {
        if (_job is { IsPaused: false } job && job.PrintedAt(now) >= job.EndsAfter)
        {
            // Stamp the event with the moment it happened, not when a tick noticed it.
            var endedAt = job.WhenPrinted(job.EndsAfter, now);
            AdvanceHeaters(endedAt);
            _job = null;
            SetHeaterTargets();
            if (job.FailAfter is null)
            {
                _logger.LogInformation("{PrinterId} finished job {JobId} in {ElapsedSeconds:F0} s",
                    Id, job.JobId, job.EndsAfter.TotalSeconds);
                events.Add(_lastOutcome = NewEvent(PrinterEventType.JobFinished, job.JobId, endedAt, elapsed: job.EndsAfter));
            }
            else
            {
                _logger.LogWarning("{PrinterId} failed job {JobId} after {ElapsedSeconds:F0} s: {Reason}",
                    Id, job.JobId, job.EndsAfter.TotalSeconds, job.FailureReason);
                events.Add(_lastOutcome = NewEvent(PrinterEventType.JobFailed, job.JobId, endedAt,
                    reason: job.FailureReason, elapsed: job.EndsAfter));
            }
        }
        AdvanceHeaters(now);
    }

    private void AdvanceHeaters(DateTimeOffset until)
    {
        var elapsed = until - _heatersAt;
        if (elapsed <= TimeSpan.Zero) return;
        _nozzle.Advance(elapsed);
        _bed.Advance(elapsed);
        _heatersAt = until;
    }

    // Heaters stay on through a pause, as most firmware does, so the print can resume cleanly.
    private void SetHeaterTargets()
    {
        var profile = _job is null ? null : MaterialProfile.For(_job.Material);
        _nozzle.Target = profile?.NozzleCelsius ?? 0;
        _bed.Target = profile?.BedCelsius ?? 0;
    }

    private PrinterTelemetryMessage Telemetry(DateTimeOffset now)
    {
        var job = _job;
        double? progress = null;
        int? remaining = null, elapsed = null;
        if (job is not null)
        {
            var printed = job.PrintedAt(now);
            progress = Math.Round(Math.Clamp(printed / job.Duration * 100, 0, 100), 1);
            remaining = (int)Math.Ceiling(Math.Max(0, (job.Duration - printed).TotalSeconds));
            elapsed = (int)printed.TotalSeconds;
        }
        return new PrinterTelemetryMessage
        {
            Activity = ActivityOf(job),
            JobId = job?.JobId,
            Progress = progress,
            RemainingSeconds = remaining,
            ElapsedSeconds = elapsed,
            Nozzle = new Temperature(Sense(_nozzle.Actual, 0.4), _nozzle.Target),
            Bed = new Temperature(Sense(_bed.Actual, 0.2), _bed.Target),
            At = now,
            LastOutcome = _lastOutcome,
        };
    }

    private double Sense(double actual, double spread) =>
        Math.Round(actual + (_sensorRandom.NextDouble() * 2 - 1) * spread, 1);

    private static PrinterActivity ActivityOf(PrintJobRun? job) => job switch
    {
        null => PrinterActivity.Idle,
        { IsPaused: true } => PrinterActivity.Paused,
        _ => PrinterActivity.Printing,
    };

    // EventIds are random on purpose: two runs with the same seed must not look like redeliveries.
    private static PrinterEventMessage NewEvent(PrinterEventType type, string jobId, DateTimeOffset at,
        string? reason = null, TimeSpan? elapsed = null) => new()
    {
        EventId = Guid.CreateVersion7(at).ToString(),
        Type = type,
        JobId = jobId,
        Reason = reason,
        ElapsedSeconds = elapsed is { } e ? (int)Math.Round(e.TotalSeconds) : null,
        At = at,
    };
}
