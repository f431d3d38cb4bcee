using PrintFarm.Protocol;
using PrintFarm.Printers.Dialects;

namespace PrintFarm.Tests.SimulatorDialects;

/// <summary>The simulated OctoPrint, read by the farm's own OctoPrintAdapter and driven by OctoPrintCommands.</summary>
[Trait("Category", "Unit")]
public sealed class OctoPrintSpeakerTests
{
    private const string Base = "octoprint/sim-001/";

    private static DialectRoundTrip StartedJob(double failureRate = 0)
    {
        var trip = DialectRoundTrip.OctoPrint(failureRate);
        trip.Connect();
        trip.Command(OctoPrintCommands.SelectTopic(Base), OctoPrintCommands.SelectAndPrint("PF-ABC-1-1.gcode"));
        return trip;
    }

    [Fact]
    public void Connecting_publishes_the_retained_connected_topic_and_the_state()
    {
        var trip = DialectRoundTrip.OctoPrint();
        var messages = trip.Connect();
        var mqtt = messages.First();
        Assert.Equal(Base + "mqtt", mqtt.Topic);
        Assert.Equal("connected", mqtt.PayloadText);
        Assert.True(mqtt.Retain && mqtt.Reliable);
        Assert.True(trip.Online);
        Assert.Equal(PrinterActivity.Idle, trip.Telemetry!.Activity);

        var will = trip.Speaker.LastWill!;
        Assert.Equal((Base + "mqtt", "disconnected", true), (will.Topic, will.PayloadText, will.Retain));
        trip.Feed([will]);
        Assert.False(trip.Online);
    }

    [Fact]
    public void A_selected_file_prints_with_progress_and_time_left_until_done()
    {
        var trip = StartedJob();
        Assert.Equal([PrinterEventType.JobStarted], trip.EventTypes);
        Assert.Equal("PF-ABC-1-1", trip.Events[0].JobId);
        Assert.Contains(trip.Published, m => m.Topic == Base + "event/PrintStarted");

        trip.Run(40);
        var t = trip.Telemetry!;
        Assert.Equal(PrinterActivity.Printing, t.Activity);
        Assert.Equal("PF-ABC-1-1", t.JobId);
        Assert.InRange(t.Progress!.Value, 30, 50);
        Assert.InRange(t.RemainingSeconds!.Value, 50, 70);
        Assert.True(t.NozzleTarget > 0 && t.BedTarget > 0);
        Assert.Contains(trip.Published, m => m.Topic == Base + "temperature/tool0" && m.Retain);
        Assert.Contains(trip.Published, m => m.Topic == Base + "progress/printing" && m.Retain);

        trip.RunUntilEvents(2);
        Assert.Equal([PrinterEventType.JobStarted, PrinterEventType.JobFinished], trip.EventTypes);
        Assert.Equal(PrinterActivity.Idle, trip.Telemetry!.Activity);
        Assert.Contains(trip.Published, m => m.Topic == Base + "event/PrintDone");
    }

    [Fact]
    public void A_cancel_fires_both_cancelled_and_failed_and_the_farm_counts_one_cancel()
    {
        var trip = StartedJob();
        trip.Run(10);
        trip.Command(OctoPrintCommands.JobTopic(Base), OctoPrintCommands.Cancel());

        Assert.Contains(trip.Published, m => m.Topic == Base + "event/PrintCancelled");
        Assert.Contains(trip.Published, m => m.Topic == Base + "event/PrintFailed" && m.PayloadText.Contains("\"reason\":\"cancelled\""));
        Assert.Equal([PrinterEventType.JobStarted, PrinterEventType.JobCancelled], trip.EventTypes);
        Assert.Equal(PrinterActivity.Idle, trip.Telemetry!.Activity);
        Assert.Null(trip.Printer.CurrentJobId);
    }

    [Fact]
    public void A_failed_print_is_print_failed_with_reason_error_after_an_error_event()
    {
        var trip = StartedJob(failureRate: 1);
        trip.RunUntilEvents(2);
        var failed = trip.Events[1];
        Assert.Equal(PrinterEventType.JobFailed, failed.Type);
        Assert.Equal("error", failed.Reason);
        Assert.Contains(trip.Published, m => m.Topic == Base + "event/Error");
        Assert.Equal(PrinterActivity.Idle, trip.Telemetry!.Activity);
    }

    [Fact]
    public void Pause_and_resume_through_the_job_endpoint()
    {
        var trip = StartedJob();
        trip.Run(5);
        trip.Command(OctoPrintCommands.JobTopic(Base), OctoPrintCommands.Pause());
        Assert.Equal(PrinterActivity.Paused, trip.Telemetry!.Activity);
        trip.Command(OctoPrintCommands.JobTopic(Base), OctoPrintCommands.Resume());
        Assert.Equal(PrinterActivity.Printing, trip.Telemetry!.Activity);
        Assert.Equal([PrinterEventType.JobStarted, PrinterEventType.JobPaused, PrinterEventType.JobResumed], trip.EventTypes);
    }

    [Fact]
    public void A_second_print_while_busy_changes_nothing()
    {
        var trip = StartedJob();
        Assert.Empty(trip.Command(OctoPrintCommands.SelectTopic(Base), OctoPrintCommands.SelectAndPrint("PF-XYZ-1-1.gcode")));
        Assert.Equal("PF-ABC-1-1", trip.Printer.CurrentJobId);
        Assert.Single(trip.Events);
    }

    [Fact]
    public void The_REST_path_form_of_select_prints_too_and_a_select_without_a_path_changes_nothing()
    {
        var trip = DialectRoundTrip.OctoPrint();
        trip.Connect();
        Assert.Empty(trip.Command(OctoPrintCommands.SelectTopic(Base), "{\"command\":\"select\",\"print\":true}"));
        Assert.Null(trip.Printer.CurrentJobId);
        trip.Command(Base + "api/files/local/PF-ABC-1-1.gcode", "{\"command\":\"select\",\"print\":true}");
        Assert.Equal("PF-ABC-1-1", trip.Printer.CurrentJobId);
        Assert.Equal([PrinterEventType.JobStarted], trip.EventTypes);
    }

    [Fact]
    public void Unreadable_or_mistyped_commands_change_nothing()
    {
        var trip = DialectRoundTrip.OctoPrint();
        trip.Connect();
        Assert.Empty(trip.Command(OctoPrintCommands.JobTopic(Base), "{oops"));
        Assert.Empty(trip.Command(OctoPrintCommands.SelectTopic(Base), "{\"command\":5,\"path\":[1]}"));
        Assert.Empty(trip.Command(OctoPrintCommands.SelectTopic(Base), "{\"command\":\"select\",\"print\":true,\"path\":7}"));
        Assert.Empty(trip.Command(OctoPrintCommands.JobTopic(Base), "{\"command\":\"pause\",\"action\":\"pause\"}")); // nothing to pause
        Assert.Empty(trip.Command(Base + "api/printer/command", "{\"commands\":[\"M112\"]}"));
        Assert.Null(trip.Printer.CurrentJobId);
        Assert.Empty(trip.Events);
    }

    [Fact]
    public void After_a_job_the_retained_progress_no_longer_says_printing()
    {
        var trip = StartedJob();
        trip.RunUntilEvents(2);
        var lastProgress = trip.Published.Last(m => m.Topic == Base + "progress/printing");
        Assert.Contains("\"printing\":false", lastProgress.PayloadText);
        // A farm that subscribes later gets the retained copy: it must not flip the printer back to printing.
        trip.Feed([lastProgress]);
        Assert.Equal(PrinterActivity.Idle, trip.Telemetry!.Activity);
    }
}
