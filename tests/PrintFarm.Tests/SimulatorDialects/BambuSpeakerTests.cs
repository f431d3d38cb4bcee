using System.Text.Json.Nodes;
using PrintFarm.PrinterSimulator.Dialects;
using PrintFarm.Protocol;
using PrintFarm.Printers.Dialects;

namespace PrintFarm.Tests.SimulatorDialects;

/// <summary>The simulated Bambu printer, read by the farm's own BambuAdapter and driven by BambuCommands.</summary>
[Trait("Category", "Unit")]
public sealed class BambuSpeakerTests
{
    private const string Request = "device/sim-001/request";

    private static DialectRoundTrip StartedJob(double failureRate = 0, int seed = 7)
    {
        var trip = DialectRoundTrip.Bambu(failureRate, seed: seed);
        trip.Command(Request, BambuCommands.PushAll(1));
        trip.Command(Request, BambuCommands.ProjectFile(new BambuProjectFileRequest { JobId = "PF-ABC-1-1", FileName = "PF-ABC-1-1.3mf" }, 2));
        return trip;
    }

    private static JsonObject Print(PrintFarm.PrinterSimulator.Dialects.DialectMessage m) => (JsonObject)JsonNode.Parse(m.Payload)!["print"]!;

    [Fact]
    public void Pushall_answers_a_full_report_and_the_adapter_reads_an_idle_printer()
    {
        var trip = DialectRoundTrip.Bambu();
        trip.Run(2);
        var full = Assert.Single(trip.Command(Request, BambuCommands.PushAll(1)));
        var print = Print(full);
        Assert.Equal(0, (int)print["msg"]!);
        Assert.Equal("IDLE", (string?)print["gcode_state"]);
        Assert.True(print.Count > 20, "a full report carries every field");
        Assert.Equal(PrinterActivity.Idle, trip.Telemetry!.Activity);
        Assert.Empty(trip.Events);
    }

    [Fact]
    public void Project_file_starts_the_job_then_partial_reports_carry_progress_until_finish()
    {
        var trip = StartedJob();
        var ack = trip.Published.Select(Print).Single(p => (string?)p["command"] == "project_file");
        Assert.Equal("success", (string?)ack["result"]);
        Assert.Equal([PrinterEventType.JobStarted], trip.EventTypes);
        Assert.Equal("PF-ABC-1-1", trip.Events[0].JobId);
        Assert.Equal(PrinterActivity.Printing, trip.Telemetry!.Activity);

        var before = trip.Published.Count;
        trip.Run(50);
        var deltas = trip.Published.Skip(before).Select(Print).ToList();
        Assert.NotEmpty(deltas);
        Assert.All(deltas, d => Assert.Equal(1, (int)d["msg"]!));
        // P1 style: what did not change is not sent, and the adapter's cache fills the gap.
        Assert.All(deltas, d => Assert.False(d.ContainsKey("subtask_name")));
        Assert.All(deltas, d => Assert.False(d.ContainsKey("gcode_state")));
        Assert.Contains(deltas, d => d.ContainsKey("mc_percent"));
        var midway = trip.Telemetry!;
        Assert.Equal(PrinterActivity.Printing, midway.Activity);
        Assert.Equal("PF-ABC-1-1", midway.JobId);
        Assert.InRange(midway.Progress!.Value, 40, 60);
        Assert.InRange(midway.RemainingSeconds!.Value, 1, 3 * 60); // minutes on the wire
        Assert.NotNull(midway.Layer);
        Assert.True(midway.NozzleTarget > 0);

        trip.RunUntilEvents(2);
        Assert.Equal([PrinterEventType.JobStarted, PrinterEventType.JobFinished], trip.EventTypes);
        Assert.Equal("PF-ABC-1-1", trip.Events[1].JobId);
        Assert.Equal(PrinterActivity.Idle, trip.Telemetry!.Activity);
        Assert.Equal(100, trip.Telemetry.Progress);

        // FINISH stays; nothing more is reported as a new outcome.
        trip.Run(30);
        Assert.Equal(2, trip.Events.Count);
        Assert.Equal("FINISH", (string?)Print(Assert.Single(trip.Command(Request, BambuCommands.PushAll(9))))["gcode_state"]);
    }

    [Fact]
    public void A_failed_print_reports_failed_with_print_error_and_a_serious_hms_alert()
    {
        var trip = StartedJob(failureRate: 1);
        trip.RunUntilEvents(2);
        var failed = trip.Events[1];
        Assert.Equal(PrinterEventType.JobFailed, failed.Type);
        Assert.Equal("PF-ABC-1-1", failed.JobId);
        Assert.Matches("^[0-9A-F]{4}_[0-9A-F]{4}$", failed.Reason);
        var errors = trip.ErrorsSeen.Last(e => e.Count > 0);
        Assert.Contains(errors, e => e.Code.StartsWith("HMS_", StringComparison.Ordinal) && e.Severity == PrinterErrorSeverity.Serious);

        // The error is cleared later; the outcome is not reported again.
        trip.Run(10);
        Assert.Empty(trip.ErrorsSeen.Last());
        Assert.Equal(2, trip.Events.Count);
    }

    [Fact]
    public void Stop_is_a_cancel_counted_once_the_code_arriving_before_failed()
    {
        var trip = StartedJob();
        trip.Run(10);
        var before = trip.Published.Count;
        trip.Command(Request, BambuCommands.Stop(3));

        Assert.Equal([PrinterEventType.JobStarted, PrinterEventType.JobCancelled], trip.EventTypes);
        var reports = trip.Published.Skip(before).Select(Print).Where(p => (string?)p["command"] == "push_status").ToList();
        var code = reports.FindIndex(p => (long?)p["print_error"] == BambuErrors.CancelledCode);
        var failed = reports.FindIndex(p => (string?)p["gcode_state"] == "FAILED");
        Assert.True(code >= 0 && failed > code, "print_error 0x0300400C comes in a report before FAILED");

        trip.Run(10); // the code clears; still one cancel
        Assert.Equal(2, trip.Events.Count);
        Assert.Equal(PrinterActivity.Idle, trip.Telemetry!.Activity);
        Assert.Null(trip.Printer.CurrentJobId);
    }

    [Fact]
    public void Pause_and_resume_are_obeyed_and_reported()
    {
        var trip = StartedJob();
        trip.Run(5);
        trip.Command(Request, BambuCommands.Pause(4));
        Assert.Equal(PrinterActivity.Paused, trip.Telemetry!.Activity);
        Assert.Equal(PrinterActivity.Paused, trip.Printer.Activity);
        trip.Run(5);
        trip.Command(Request, BambuCommands.Resume(5));
        Assert.Equal(PrinterActivity.Printing, trip.Telemetry!.Activity);
        Assert.Equal([PrinterEventType.JobStarted, PrinterEventType.JobPaused, PrinterEventType.JobResumed], trip.EventTypes);
    }

    [Fact]
    public void A_second_project_file_while_busy_is_refused_in_the_acknowledgement()
    {
        var trip = StartedJob();
        var ack = Print(trip.Command(Request, BambuCommands.ProjectFile(new BambuProjectFileRequest { JobId = "PF-XYZ-1-1", FileName = "x.3mf" }, 7))[0]);
        Assert.Equal("failed", (string?)ack["result"]);
        Assert.Contains("busy", (string?)ack["reason"]);
        Assert.Equal("PF-ABC-1-1", trip.Printer.CurrentJobId);
        Assert.Single(trip.Events);
    }

    [Fact]
    public void Firmware_with_authorization_control_reports_but_refuses_commands()
    {
        var trip = DialectRoundTrip.Bambu(refuseControl: true);
        trip.Command(Request, BambuCommands.PushAll(1));
        var ack = Print(Assert.Single(trip.Command(Request,
            BambuCommands.ProjectFile(new BambuProjectFileRequest { JobId = "PF-ABC-1-1", FileName = "a.3mf" }, 2))));
        Assert.Equal("failed", (string?)ack["result"]);
        Assert.Equal(BambuSpeaker.RefusedReason, (string?)ack["reason"]);
        Assert.Null(trip.Printer.CurrentJobId);
        Assert.Equal(PrinterActivity.Idle, trip.Telemetry!.Activity);
    }

    [Fact]
    public void Unreadable_requests_are_ignored()
    {
        var trip = DialectRoundTrip.Bambu();
        Assert.Empty(trip.Command(Request, "{not json"));
        Assert.Empty(trip.Command(Request, "[1,2]"));
        Assert.Empty(trip.Command("device/other/request", BambuCommands.PushAll(1)));
    }
}
