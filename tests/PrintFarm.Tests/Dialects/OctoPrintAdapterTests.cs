using System.Text;
using System.Text.Json;
using PrintFarm.Protocol;
using PrintFarm.Printers.Dialects;

namespace PrintFarm.Tests.Dialects;

[Trait("Category", "Unit")]
public sealed class OctoPrintAdapterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private const string Base = "farm/octo-07/";

    private static DialectUpdate Send(OctoPrintAdapter a, string sub, string payload, DateTimeOffset? at = null) =>
        a.Handle(Base + sub, Encoding.UTF8.GetBytes(payload), at ?? Now);

    private static OctoPrintAdapter Printing()
    {
        var a = new OctoPrintAdapter("octo-07", "farm/octo-07");
        Send(a, "mqtt", "connected");
        Send(a, "event/PrintStarted", """{"name":"job-42.gcode","path":"farm/job-42.gcode","origin":"local","size":1000,"_event":"PrintStarted","_timestamp":1795510000}""");
        return a;
    }

    [Fact]
    public void Connectivity_comes_from_the_mqtt_topic()
    {
        var a = new OctoPrintAdapter("octo-07", Base);
        Assert.True(Send(a, "mqtt", "connected").Status!.Online);
        Assert.False(Send(a, "mqtt", "disconnected").Status!.Online);
        Assert.True(Send(a, "mqtt", "connected").Status!.Online); // and back
        Assert.Throws<FormatException>(() => Send(a, "mqtt", "maybe"));
    }

    [Fact]
    public void No_telemetry_until_the_activity_is_known()
    {
        var a = new OctoPrintAdapter("octo-07", Base);
        Assert.Null(Send(a, "temperature/tool0", """{"actual":65.3,"target":210.0,"_timestamp":1}""").Telemetry);
        var u = Send(a, "event/PrinterStateChanged", """{"state_id":"OPERATIONAL","state_string":"Operational"}""");
        Assert.Equal(PrinterActivity.Idle, u.Telemetry!.Activity);
        Assert.Equal(65.3, u.Telemetry.NozzleTemperature);
    }

    [Fact]
    public void A_print_is_started_progresses_and_finishes()
    {
        var a = new OctoPrintAdapter("octo-07", Base);
        Send(a, "mqtt", "connected");
        var s = Send(a, "event/PrintStarted", """{"name":"job-42.gcode","path":"job-42.gcode","origin":"local","_timestamp":1795510000}""");
        var started = Assert.Single(s.Events);
        Assert.Equal((PrinterEventType.JobStarted, "job-42"), (started.Type, started.JobId));
        Assert.Equal(PrinterActivity.Printing, s.Telemetry!.Activity);

        var p = Send(a, "progress/printing", """{"progress":"23","location":"local","path":"job-42.gcode","_timestamp":1795510100}""");
        Assert.Equal(23, p.Telemetry!.Progress);
        Assert.Equal("job-42", p.Telemetry.JobId);
        Assert.Equal(210.0, Send(a, "temperature/tool0", """{"actual":209.6,"target":210.0}""").Telemetry!.NozzleTarget);
        Assert.Equal(59.5, Send(a, "temperature/bed", """{"actual":"59.5","target":60}""").Telemetry!.BedTemperature);

        var d = Send(a, "event/PrintDone", """{"name":"job-42.gcode","path":"job-42.gcode","time":3600.5,"_timestamp":1795513600}""");
        var done = Assert.Single(d.Events);
        Assert.Equal(PrinterEventType.JobFinished, done.Type);
        Assert.Equal(3600, done.ElapsedSeconds);
        Assert.Equal(PrinterActivity.Idle, d.Telemetry!.Activity);
        Assert.Empty(Send(a, "event/PrintDone", """{"name":"job-42.gcode","time":3600.5,"_timestamp":1795513600}""").Events); // redelivered
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_cancel_counts_once_in_either_order(bool cancelledFirst)
    {
        var a = Printing();
        const string cancelled = """{"name":"job-42.gcode","time":120,"position":{},"_timestamp":1795510120}""";
        const string failed = """{"name":"job-42.gcode","time":120,"reason":"cancelled","_timestamp":1795510121}""";
        var first = cancelledFirst ? Send(a, "event/PrintCancelled", cancelled) : Send(a, "event/PrintFailed", failed);
        var second = cancelledFirst ? Send(a, "event/PrintFailed", failed) : Send(a, "event/PrintCancelled", cancelled);
        var e = Assert.Single(first.Events);
        Assert.Equal(PrinterEventType.JobCancelled, e.Type);
        Assert.Empty(second.Events);
    }

    [Fact]
    public void Both_orders_give_the_same_event_id()
    {
        string Id(string ev, string payload) => Send(Printing(), ev, payload).Events.Single().EventId;
        Assert.Equal(
            Id("event/PrintCancelled", """{"name":"job-42.gcode","time":120}"""),
            Id("event/PrintFailed", """{"name":"job-42.gcode","time":120,"reason":"cancelled"}"""));
    }

    [Fact]
    public void A_failure_is_a_failure()
    {
        var e = Send(Printing(), "event/PrintFailed", """{"name":"job-42.gcode","time":60,"reason":"error"}""").Events.Single();
        Assert.Equal((PrinterEventType.JobFailed, "error"), (e.Type, e.Reason));
    }

    [Fact]
    public void Pause_and_resume()
    {
        var a = Printing();
        var p = Send(a, "event/PrintPaused", """{"name":"job-42.gcode"}""");
        Assert.Equal(PrinterEventType.JobPaused, p.Events.Single().Type);
        Assert.Equal(PrinterActivity.Paused, p.Telemetry!.Activity);
        var r = Send(a, "event/PrintResumed", """{"name":"job-42.gcode"}""");
        Assert.Equal(PrinterEventType.JobResumed, r.Events.Single().Type);
        Assert.Equal(PrinterActivity.Printing, r.Telemetry!.Activity);
    }

    [Theory]
    [InlineData("OPERATIONAL", PrinterActivity.Idle)]
    [InlineData("STARTING", PrinterActivity.Preparing)]
    [InlineData("PRINTING", PrinterActivity.Printing)]
    [InlineData("FINISHING", PrinterActivity.Printing)]
    [InlineData("PAUSING", PrinterActivity.Pausing)]
    [InlineData("PAUSED", PrinterActivity.Paused)]
    [InlineData("RESUMING", PrinterActivity.Resuming)]
    [InlineData("CANCELLING", PrinterActivity.Cancelling)]
    [InlineData("ERROR", PrinterActivity.Error)]
    [InlineData("UNKNOWN", PrinterActivity.Error)]
    public void State_ids_map(string stateId, PrinterActivity activity)
    {
        var a = new OctoPrintAdapter("octo-07", Base);
        Assert.Equal(activity, Send(a, "event/PrinterStateChanged", $"{{\"state_id\":\"{stateId}\"}}").Telemetry!.Activity);
    }

    [Fact]
    public void A_closed_printer_is_offline_and_back()
    {
        var a = new OctoPrintAdapter("octo-07", Base);
        Send(a, "mqtt", "connected");
        Assert.True(a.Online);
        Assert.False(Send(a, "event/PrinterStateChanged", """{"state_id":"CLOSED"}""").Status!.Online);
        Assert.True(Send(a, "event/PrinterStateChanged", """{"state_id":"OPERATIONAL"}""").Status!.Online);
        Assert.Null(Send(a, "event/PrinterStateChanged", """{"state_id":"PRINTING"}""").Status); // no change
    }

    [Fact]
    public void Error_events_are_errors()
    {
        var u = Send(Printing(), "event/Error", """{"error":"Thermal runaway"}""");
        Assert.Equal(PrinterActivity.Error, u.Telemetry!.Activity);
        Assert.Equal("Thermal runaway", Assert.Single(u.Errors).Text);
    }

    [Fact]
    public void Files_that_are_not_job_ids_give_no_events()
    {
        var a = new OctoPrintAdapter("octo-07", Base);
        var u = Send(a, "event/PrintStarted", """{"name":"my part (v2).gcode"}""");
        Assert.Empty(u.Events);
        Assert.Null(u.Telemetry!.JobId);
        Assert.Equal("job-1", OctoPrintAdapter.JobIdFromFile("a/b/job-1.gcode"));
    }

    [Fact]
    public void Unknown_topics_and_events_are_empty()
    {
        var a = new OctoPrintAdapter("octo-07", Base);
        Assert.True(Send(a, "progress/slicing", "{}").IsEmpty);
        Assert.True(Send(a, "event/ZChange", """{"new":1.2}""").IsEmpty);
        Assert.True(Send(a, "temperature/chamber", """{"actual":30}""").IsEmpty);
    }

    [Theory]
    [InlineData("event/PrintDone", "not json")]
    [InlineData("event/PrintDone", "[]")]
    [InlineData("progress/printing", "")]
    [InlineData("event/PrinterStateChanged", """{"state_id":5}""")]
    public void Malformed_payloads_throw(string sub, string payload)
    {
        var ex = Record.Exception(() => Send(new OctoPrintAdapter("octo-07", Base), sub, payload));
        Assert.True(ex is FormatException or JsonException, ex?.GetType().Name);
    }

    [Fact]
    public void Other_base_topics_and_huge_payloads_throw()
    {
        var a = new OctoPrintAdapter("octo-07", Base);
        Assert.Throws<FormatException>(() => a.Handle("farm/octo-08/mqtt", "connected"u8.ToArray(), Now));
        Assert.Throws<FormatException>(() => Send(a, "event/PrintDone", "{\"x\":\"" + new string('a', 300 * 1024) + "\"}"));
    }
}
