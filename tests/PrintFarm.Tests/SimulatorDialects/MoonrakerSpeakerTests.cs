using System.Text.Json.Nodes;
using PrintFarm.PrinterSimulator.Dialects;
using PrintFarm.Protocol;
using PrintFarm.Printers.Dialects;

namespace PrintFarm.Tests.SimulatorDialects;

/// <summary>The simulated Moonraker, read by the farm's own MoonrakerAdapter and driven by MoonrakerCommands.</summary>
[Trait("Category", "Unit")]
public sealed class MoonrakerSpeakerTests
{
    private const string RequestTopic = "sim-001/moonraker/api/request";
    private const string ResponseTopic = "sim-001/moonraker/api/response";

    private static MoonrakerResponse Response(IEnumerable<DialectMessage> messages) =>
        MoonrakerResponse.Parse(messages.Single(m => m.Topic == ResponseTopic).Payload);

    private static (DialectRoundTrip Trip, MoonrakerRequestTracker Tracker) StartedJob(double failureRate = 0)
    {
        var trip = DialectRoundTrip.Moonraker(failureRate);
        trip.Connect();
        var tracker = new MoonrakerRequestTracker();
        var id = tracker.Next("printer.print.start");
        var reply = Response(trip.Command(RequestTopic, MoonrakerCommands.Start(id, "PF-ABC-1-1.gcode")));
        Assert.True(reply.Ok);
        Assert.True(tracker.TryMatch(reply, out var method));
        Assert.Equal("printer.print.start", method);
        return (trip, tracker);
    }

    [Fact]
    public void Connecting_says_online_then_sends_the_full_status_then_only_changes()
    {
        var trip = DialectRoundTrip.Moonraker();
        var first = trip.Connect();
        Assert.Equal("sim-001/moonraker/status", first[0].Topic);
        Assert.True(first[0].Retain);
        Assert.True(trip.Online);
        var full = (JsonObject)JsonNode.Parse(first[1].Payload)!["status"]!;
        Assert.True(full.ContainsKey("webhooks") && full.ContainsKey("print_stats") && full.ContainsKey("virtual_sdcard"));
        Assert.Equal(PrinterActivity.Idle, trip.Telemetry!.Activity);

        trip.Run(5);
        var changes = trip.Published.Skip(2).Select(m => (JsonObject)JsonNode.Parse(m.Payload)!["status"]!).ToList();
        Assert.NotEmpty(changes);
        Assert.All(changes, c => Assert.False(c.ContainsKey("webhooks")));

        trip.Feed([trip.Speaker.LastWill!]);
        Assert.False(trip.Online);
    }

    [Fact]
    public void A_started_file_prints_with_a_derived_time_left_until_complete()
    {
        var (trip, _) = StartedJob();
        Assert.Equal([PrinterEventType.JobStarted], trip.EventTypes);
        Assert.Equal("PF-ABC-1-1", trip.Events[0].JobId);

        trip.Run(40);
        var t = trip.Telemetry!;
        Assert.Equal(PrinterActivity.Printing, t.Activity);
        Assert.Equal("PF-ABC-1-1", t.JobId);
        Assert.InRange(t.Progress!.Value, 30, 50);
        Assert.InRange(t.RemainingSeconds!.Value, 45, 75);
        Assert.NotNull(t.TotalLayers);

        trip.RunUntilEvents(2);
        Assert.Equal([PrinterEventType.JobStarted, PrinterEventType.JobFinished], trip.EventTypes);
        Assert.Equal(PrinterActivity.Idle, trip.Telemetry!.Activity);
    }

    [Fact]
    public void Cancel_and_failure_are_told_apart()
    {
        var (cancelled, tracker) = StartedJob();
        cancelled.Run(10);
        Assert.True(Response(cancelled.Command(RequestTopic, MoonrakerCommands.Cancel(tracker.Next("printer.print.cancel")))).Ok);
        Assert.Equal([PrinterEventType.JobStarted, PrinterEventType.JobCancelled], cancelled.EventTypes);

        var (failed, _) = StartedJob(failureRate: 1);
        failed.RunUntilEvents(2);
        Assert.Equal(PrinterEventType.JobFailed, failed.Events[1].Type);
        Assert.False(string.IsNullOrWhiteSpace(failed.Events[1].Reason));
        Assert.NotEqual("error", failed.Events[1].Reason); // Klipper's message travels as the reason
    }

    [Fact]
    public void Pause_and_resume_over_json_rpc()
    {
        var (trip, tracker) = StartedJob();
        trip.Run(5);
        Assert.True(Response(trip.Command(RequestTopic, MoonrakerCommands.Pause(tracker.Next("pause")))).Ok);
        Assert.Equal(PrinterActivity.Paused, trip.Telemetry!.Activity);
        Assert.True(Response(trip.Command(RequestTopic, MoonrakerCommands.Resume(tracker.Next("resume")))).Ok);
        Assert.Equal(PrinterActivity.Printing, trip.Telemetry!.Activity);
        Assert.Equal([PrinterEventType.JobStarted, PrinterEventType.JobPaused, PrinterEventType.JobResumed], trip.EventTypes);
    }

    [Fact]
    public void Errors_are_answered_with_the_request_id()
    {
        var (trip, _) = StartedJob();
        var busy = Response(trip.Command(RequestTopic, MoonrakerCommands.Start(41, "PF-XYZ-1-1.gcode")));
        Assert.False(busy.Ok);
        Assert.Equal(41, busy.Id);
        Assert.Equal("PF-ABC-1-1", trip.Printer.CurrentJobId);

        var unknown = Response(trip.Command(RequestTopic, MoonrakerCommands.Request(42, "machine.reboot")));
        Assert.Equal((42L, false, MoonrakerSpeaker.MethodNotFound), (unknown.Id, unknown.Ok, unknown.ErrorCode));

        var query = Response(trip.Command(RequestTopic, MoonrakerCommands.Request(43, "printer.objects.query")));
        Assert.True(query.Ok);
        Assert.Equal("printing", (string?)query.Result!["status"]!["print_stats"]!["state"]);

        Assert.DoesNotContain(trip.Command(RequestTopic, "{\"jsonrpc\":\"2.0\",\"method\":\"printer.print.pause\"}"),
            m => m.Topic == ResponseTopic); // a notification gets no reply
        Assert.Empty(trip.Command(RequestTopic, "nonsense"));
    }
}
