using PrintFarm.PrinterSimulator;
using PrintFarm.Protocol;

namespace PrintFarm.Tests.Simulator;

[Trait("Category", "Unit")]
public class SimulatedPrinterTests
{
    private static readonly string[] KnownFailureReasons =
        ["nozzle clog", "bed adhesion lost", "filament runout", "layer shift", "spaghetti detected"];

    private readonly ManualTimeProvider _clock = new();

    private SimulatedPrinter NewPrinter(double failureRate = 0, double speedFactor = 1.0, int seed = 7,
        string material = "PLA") =>
        new("sim-001",
            new PrinterCapabilities("Simulated MK4", "FDM", [material], new BuildVolume(250, 210, 220), 0.4, "test"),
            speedFactor, new Random(seed), failureRate, _clock);

    private static PrinterCommandMessage Command(PrinterCommandType type, string jobId, int? estimatedSeconds = null,
        string? material = null) => new()
    {
        CommandId = Guid.NewGuid().ToString(),
        Type = type,
        JobId = jobId,
        EstimatedSeconds = estimatedSeconds,
        Material = material,
        File = "benchy.gcode",
    };

    private static PrinterCommandMessage Start(string jobId, int estimatedSeconds = 100, string? material = null) =>
        Command(PrinterCommandType.Start, jobId, estimatedSeconds, material);

    /// <summary>Ticks once a second until something happens or the limit passes.</summary>
    private List<PrinterEventMessage> RunUntilEvent(SimulatedPrinter printer, int maxSeconds)
    {
        for (var i = 0; i < maxSeconds; i++)
        {
            _clock.Advance(1);
            var tick = printer.Tick();
            if (tick.Events.Count > 0) return tick.Events.ToList();
        }
        return [];
    }

    [Fact]
    public void Start_publishes_started_then_progresses_then_finishes()
    {
        var printer = NewPrinter();
        var startedAt = _clock.GetUtcNow();

        var started = Assert.Single(printer.Handle(Start("job-1", estimatedSeconds: 100)));
        Assert.Equal(PrinterEventType.JobStarted, started.Type);
        Assert.Equal("job-1", started.JobId);
        Assert.Equal(startedAt, started.At);
        Assert.Equal(PrinterActivity.Printing, printer.Activity);

        _clock.Advance(50);
        var midway = printer.Tick();
        Assert.Empty(midway.Events);
        Assert.Equal(PrinterActivity.Printing, midway.Telemetry.Activity);
        Assert.Equal("job-1", midway.Telemetry.JobId);
        // Speed factor 1 and ±5 % job noise: 100 s estimate takes 95–105 s.
        Assert.InRange(midway.Telemetry.Progress!.Value, 47.6, 52.7);
        Assert.Equal(50, midway.Telemetry.ElapsedSeconds);
        Assert.InRange(midway.Telemetry.RemainingSeconds!.Value, 45, 55);

        _clock.Advance(44);
        Assert.Empty(printer.Tick().Events);

        _clock.Advance(12);
        var end = printer.Tick();
        var finished = Assert.Single(end.Events);
        Assert.Equal(PrinterEventType.JobFinished, finished.Type);
        Assert.Equal("job-1", finished.JobId);
        Assert.InRange(finished.ElapsedSeconds!.Value, 95, 105);
        // Stamped when the print ended, not when the tick noticed.
        Assert.InRange(finished.At!.Value, startedAt.AddSeconds(95), startedAt.AddSeconds(105.5));
        Assert.Null(finished.Reason);
        Assert.Equal(PrinterActivity.Idle, end.Telemetry.Activity);
        Assert.Null(end.Telemetry.JobId);
        Assert.Null(end.Telemetry.Progress);
        Assert.Equal(PrinterActivity.Idle, printer.Activity);
        // Every later tick repeats the outcome, same event id, so a lost event can be recovered.
        Assert.Null(midway.Telemetry.LastOutcome);
        _clock.Advance(1);
        Assert.Equal(finished, printer.Tick().Telemetry.LastOutcome);
    }

    [Fact]
    public void Progress_only_grows_and_reaches_the_end()
    {
        var printer = NewPrinter();
        printer.Handle(Start("job-1", estimatedSeconds: 60));
        var last = -1.0;
        for (var i = 0; i < 55; i++)
        {
            _clock.Advance(1);
            var progress = printer.Tick().Telemetry.Progress!.Value;
            Assert.True(progress > last, $"progress went from {last} to {progress}");
            last = progress;
        }
        Assert.InRange(last, 85, 100);
    }

    [Fact]
    public void Speed_factor_scales_the_slicer_estimate()
    {
        var slow = NewPrinter(speedFactor: 1.25);
        slow.Handle(Start("job-1", estimatedSeconds: 1000));
        var finished = Assert.Single(RunUntilEvent(slow, 2000));
        Assert.Equal(PrinterEventType.JobFinished, finished.Type);
        Assert.InRange(finished.ElapsedSeconds!.Value, 1187, 1313);
    }

    [Fact]
    public void Failure_rate_one_fails_the_job_part_way_with_a_reason()
    {
        var printer = NewPrinter(failureRate: 1);
        printer.Handle(Start("job-1", estimatedSeconds: 100));

        var failed = Assert.Single(RunUntilEvent(printer, 200));
        Assert.Equal(PrinterEventType.JobFailed, failed.Type);
        Assert.Equal("job-1", failed.JobId);
        Assert.Contains(failed.Reason, KnownFailureReasons);
        Assert.InRange(failed.ElapsedSeconds!.Value, 1, 104);
        Assert.Equal(PrinterActivity.Idle, printer.Activity);
        Assert.Null(printer.CurrentJobId);

        // Back to idle means it takes the next job.
        Assert.Equal(PrinterEventType.JobStarted, Assert.Single(printer.Handle(Start("job-2"))).Type);
    }

    [Fact]
    public void Failure_rate_zero_never_fails()
    {
        var printer = NewPrinter(failureRate: 0);
        for (var job = 0; job < 20; job++)
        {
            printer.Handle(Start($"job-{job}", estimatedSeconds: 10));
            Assert.Equal(PrinterEventType.JobFinished, Assert.Single(RunUntilEvent(printer, 20)).Type);
        }
    }

    [Fact]
    public void Duplicate_start_for_the_current_job_is_ignored()
    {
        var printer = NewPrinter();
        printer.Handle(Start("job-1", estimatedSeconds: 100));
        _clock.Advance(30);

        Assert.Empty(printer.Handle(Start("job-1", estimatedSeconds: 100)));
        Assert.Equal("job-1", printer.CurrentJobId);
        // The duplicate did not restart the print.
        Assert.Equal(30, printer.Tick().Telemetry.ElapsedSeconds);
    }

    [Fact]
    public void Start_while_busy_fails_the_new_job_and_keeps_printing_the_current_one()
    {
        var printer = NewPrinter();
        printer.Handle(Start("job-1", estimatedSeconds: 100));
        _clock.Advance(10);

        var refused = Assert.Single(printer.Handle(Start("job-2", estimatedSeconds: 50)));
        Assert.Equal(PrinterEventType.JobFailed, refused.Type);
        Assert.Equal("job-2", refused.JobId);
        Assert.Equal("printer busy with job job-1", refused.Reason);
        Assert.Equal("job-1", printer.CurrentJobId);

        var finished = Assert.Single(RunUntilEvent(printer, 200));
        Assert.Equal(PrinterEventType.JobFinished, finished.Type);
        Assert.Equal("job-1", finished.JobId);
    }

    [Fact]
    public void Pause_stops_time_and_resume_continues_where_it_left_off()
    {
        var printer = NewPrinter();
        var startedAt = _clock.GetUtcNow();
        printer.Handle(Start("job-1", estimatedSeconds: 100));
        _clock.Advance(30);

        var paused = Assert.Single(printer.Handle(Command(PrinterCommandType.Pause, "job-1")));
        Assert.Equal(PrinterEventType.JobPaused, paused.Type);
        var progressAtPause = printer.Tick().Telemetry.Progress;

        _clock.Advance(3600);
        var whilePaused = printer.Tick();
        Assert.Empty(whilePaused.Events);
        Assert.Equal(PrinterActivity.Paused, whilePaused.Telemetry.Activity);
        Assert.Equal(progressAtPause, whilePaused.Telemetry.Progress);
        Assert.Equal(30, whilePaused.Telemetry.ElapsedSeconds);

        // Pausing twice changes nothing.
        Assert.Empty(printer.Handle(Command(PrinterCommandType.Pause, "job-1")));

        var resumed = Assert.Single(printer.Handle(Command(PrinterCommandType.Resume, "job-1")));
        Assert.Equal(PrinterEventType.JobResumed, resumed.Type);
        Assert.Equal(PrinterActivity.Printing, printer.Activity);
        _clock.Advance(10);
        Assert.Equal(40, printer.Tick().Telemetry.ElapsedSeconds);

        var finished = Assert.Single(RunUntilEvent(printer, 200));
        Assert.Equal(PrinterEventType.JobFinished, finished.Type);
        Assert.InRange(finished.ElapsedSeconds!.Value, 95, 105);
        // The hour of pause is on the wall clock, not in the print time.
        Assert.InRange(finished.At!.Value, startedAt.AddSeconds(3600 + 95), startedAt.AddSeconds(3600 + 105.5));
    }

    [Fact]
    public void Cancel_reports_cancelled_and_returns_to_idle()
    {
        var printer = NewPrinter();
        printer.Handle(Start("job-1", estimatedSeconds: 100));
        _clock.Advance(20);

        var cancelled = Assert.Single(printer.Handle(Command(PrinterCommandType.Cancel, "job-1")));
        Assert.Equal(PrinterEventType.JobCancelled, cancelled.Type);
        Assert.Equal("job-1", cancelled.JobId);
        Assert.Equal(20, cancelled.ElapsedSeconds);
        Assert.Equal(PrinterActivity.Idle, printer.Activity);

        // Nothing else comes out of the cancelled job later.
        Assert.Empty(RunUntilEvent(printer, 200));
    }

    [Fact]
    public void Cancel_works_while_paused()
    {
        var printer = NewPrinter();
        printer.Handle(Start("job-1"));
        printer.Handle(Command(PrinterCommandType.Pause, "job-1"));
        Assert.Equal(PrinterEventType.JobCancelled,
            Assert.Single(printer.Handle(Command(PrinterCommandType.Cancel, "job-1"))).Type);
        Assert.Equal(PrinterActivity.Idle, printer.Activity);
    }

    [Theory]
    [InlineData(PrinterCommandType.Pause)]
    [InlineData(PrinterCommandType.Resume)]
    [InlineData(PrinterCommandType.Cancel)]
    public void Commands_for_another_job_are_ignored(PrinterCommandType type)
    {
        var printer = NewPrinter();
        printer.Handle(Start("job-1"));
        Assert.Empty(printer.Handle(Command(type, "job-other")));
        Assert.Equal("job-1", printer.CurrentJobId);
        Assert.Equal(PrinterActivity.Printing, printer.Activity);
    }

    [Fact]
    public void Commands_to_an_idle_printer_other_than_start_are_ignored()
    {
        var printer = NewPrinter();
        Assert.Empty(printer.Handle(Command(PrinterCommandType.Cancel, "job-1")));
        Assert.Equal(PrinterActivity.Idle, printer.Activity);
    }

    [Fact]
    public void A_job_that_ended_between_ticks_is_reported_before_the_next_start()
    {
        var printer = NewPrinter();
        printer.Handle(Start("job-1", estimatedSeconds: 10));
        _clock.Advance(60);

        var events = printer.Handle(Start("job-2"));
        Assert.Equal([PrinterEventType.JobFinished, PrinterEventType.JobStarted], events.Select(e => e.Type));
        Assert.Equal(["job-1", "job-2"], events.Select(e => e.JobId));
    }

    [Fact]
    public void Jobs_for_a_material_that_is_not_loaded_are_refused()
    {
        var printer = NewPrinter(material: "PLA");
        var refused = Assert.Single(printer.Handle(Start("job-1", material: "PETG")));
        Assert.Equal(PrinterEventType.JobFailed, refused.Type);
        Assert.Contains("PETG", refused.Reason);
        Assert.Equal(PrinterActivity.Idle, printer.Activity);

        Assert.Equal(PrinterEventType.JobStarted, Assert.Single(printer.Handle(Start("job-2", material: "pla"))).Type);
    }

    [Fact]
    public void Very_short_estimates_still_take_at_least_a_second()
    {
        var printer = NewPrinter(speedFactor: 0.85);
        printer.Handle(Start("job-1", estimatedSeconds: 1));
        _clock.Advance(0.5);
        Assert.Empty(printer.Tick().Events);
        _clock.Advance(0.6);
        Assert.Equal(PrinterEventType.JobFinished, Assert.Single(printer.Tick().Events).Type);
    }

    [Fact]
    public void Nozzle_heats_toward_target_while_printing_and_cools_when_idle()
    {
        var printer = NewPrinter(material: "PETG");
        var cold = printer.Tick().Telemetry;
        Assert.InRange(cold.Nozzle!.Actual, 20, 24);
        Assert.Equal(0, cold.Nozzle.Target);

        printer.Handle(Start("job-1", estimatedSeconds: 1000, material: "PETG"));
        _clock.Advance(300);
        var hot = printer.Tick().Telemetry;
        Assert.Equal(240, hot.Nozzle!.Target);
        Assert.Equal(80, hot.Bed!.Target);
        Assert.InRange(hot.Nozzle.Actual, 235, 241);
        Assert.InRange(hot.Bed.Actual, 60, 81);

        printer.Handle(Command(PrinterCommandType.Cancel, "job-1"));
        _clock.Advance(600);
        var cooled = printer.Tick().Telemetry;
        Assert.Equal(0, cooled.Nozzle!.Target);
        Assert.InRange(cooled.Nozzle.Actual, 20, 30);
    }

    [Fact]
    public void Every_event_has_its_own_id()
    {
        var printer = NewPrinter();
        var events = new List<PrinterEventMessage>();
        for (var job = 0; job < 10; job++)
        {
            events.AddRange(printer.Handle(Start($"job-{job}", estimatedSeconds: 5)));
            events.AddRange(RunUntilEvent(printer, 20));
        }
        Assert.Equal(20, events.Count);
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        Assert.All(events, e => Assert.True(Guid.TryParse(e.EventId, out _)));
    }

    [Fact]
    public void Same_seed_gives_the_same_printer_and_the_same_outcomes()
    {
        var options = new SimulatorOptions { Seed = 42, FailureRate = 0.5 };
        var first = Script(FleetRoster.CreatePrinter(options, 3, _clock), _clock);
        var otherClock = new ManualTimeProvider();
        var second = Script(FleetRoster.CreatePrinter(options, 3, otherClock), otherClock);

        Assert.Equal(first, second);
        // With a 50 % failure rate over 12 jobs both outcomes should appear (this seed: both do).
        Assert.Contains(first, e => e.StartsWith("JobFailed", StringComparison.Ordinal));
        Assert.Contains(first, e => e.StartsWith("JobFinished", StringComparison.Ordinal));

        var thirdClock = new ManualTimeProvider();
        var differentSeed = Script(FleetRoster.CreatePrinter(options with { Seed = 43 }, 3, thirdClock), thirdClock);
        Assert.NotEqual(first, differentSeed);
    }

    [Fact]
    public void Speed_factor_is_stable_per_printer_and_within_range()
    {
        var options = new SimulatorOptions { Seed = 42 };
        var factors = Enumerable.Range(1, 50)
            .Select(n => FleetRoster.CreatePrinter(options, n, _clock).SpeedFactor)
            .ToList();
        Assert.All(factors, f => Assert.InRange(f, 0.85, 1.25));
        Assert.Equal(factors, Enumerable.Range(1, 50).Select(n => FleetRoster.CreatePrinter(options, n, _clock).SpeedFactor));
        Assert.True(factors.Distinct().Count() > 45, "printers should differ from each other");
    }

    /// <summary>Runs 12 jobs and describes everything observable except the random EventIds.</summary>
    private static List<string> Script(SimulatedPrinter printer, ManualTimeProvider clock)
    {
        var origin = clock.GetUtcNow();
        var log = new List<string> { $"speed {printer.SpeedFactor:R}" };
        void Record(IEnumerable<PrinterEventMessage> events)
        {
            foreach (var e in events)
                log.Add($"{e.Type} {e.JobId} {e.Reason} {e.ElapsedSeconds} {(e.At!.Value - origin).TotalMilliseconds}");
        }

        for (var job = 0; job < 12; job++)
        {
            Record(printer.Handle(new PrinterCommandMessage
            {
                CommandId = $"c{job}", Type = PrinterCommandType.Start, JobId = $"job-{job}", EstimatedSeconds = 120,
            }));
            for (var s = 0; s < 200 && printer.Activity != PrinterActivity.Idle; s++)
            {
                clock.Advance(1);
                var tick = printer.Tick();
                Record(tick.Events);
                log.Add($"{tick.Telemetry.Progress} {tick.Telemetry.Nozzle}");
            }
        }
        return log;
    }
}
