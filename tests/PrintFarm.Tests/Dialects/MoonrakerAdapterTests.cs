using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrintFarm.Protocol;
using PrintFarm.Printers.Dialects;

namespace PrintFarm.Tests.Dialects;

[Trait("Category", "Unit")]
public sealed class MoonrakerAdapterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private const string Full = """
        {"eventtime": 35123.84, "status": {"print_stats": {"state":"printing","filename":"job-42.gcode",
         "print_duration":1834.2,"total_duration":1901.7,"message":"","info":{"current_layer":88,"total_layer":240}},
         "virtual_sdcard":{"progress":0.3712},"extruder":{"temperature":219.87,"target":220.0},
         "heater_bed":{"temperature":54.9,"target":55.0},"webhooks":{"state":"ready"}}}
        """;

    private static DialectUpdate Klipper(MoonrakerAdapter a, string json) => a.Handle("printer-07/klipper/status", Encoding.UTF8.GetBytes(json), Now);
    private static DialectUpdate Server(MoonrakerAdapter a, string json) => a.Handle("printer-07/moonraker/status", Encoding.UTF8.GetBytes(json), Now);
    private static MoonrakerAdapter New() => new("mk-07", "printer-07");

    [Fact]
    public void Full_status_is_normalized_and_stamped_with_the_receive_time()
    {
        var u = Klipper(New(), Full);
        var t = u.Telemetry!;
        Assert.Equal(PrinterActivity.Printing, t.Activity);
        Assert.Equal("job-42", t.JobId);
        Assert.Equal(37.12, t.Progress!.Value, 6);
        // Obico: print_duration × (1 − p) / p
        Assert.Equal((int)Math.Round(1834.2 * (1 - 0.3712) / 0.3712), t.RemainingSeconds);
        Assert.Equal(1834, t.ElapsedSeconds);
        Assert.Equal((88, 240), (t.Layer, t.TotalLayers));
        Assert.Equal((219.87, 220.0, 54.9, 55.0), (t.NozzleTemperature, t.NozzleTarget, t.BedTemperature, t.BedTarget));
        Assert.Equal(Now, t.ReceivedAt);
        Assert.Null(t.SourceTime);
        Assert.Equal(PrinterEventType.JobStarted, Assert.Single(u.Events).Type);
        Assert.Empty(u.Errors);
    }

    [Fact]
    public void Deltas_merge_into_the_cache()
    {
        var a = New();
        Klipper(a, Full);
        var u = Klipper(a, """{"eventtime":35125.1,"status":{"virtual_sdcard":{"progress":"0.5"},"extruder":{"temperature":220.1}}}""");
        var t = u.Telemetry!;
        Assert.Equal(50, t.Progress);
        Assert.Equal(220.1, t.NozzleTemperature);
        Assert.Equal(220.0, t.NozzleTarget);
        Assert.Equal(54.9, t.BedTemperature);
        Assert.Equal(88, t.Layer);
        Assert.Equal(PrinterActivity.Printing, t.Activity);
        Assert.Equal("job-42", t.JobId);
        Assert.Empty(u.Events);
    }

    [Fact]
    public void No_remaining_time_from_tiny_progress()
    {
        var u = Klipper(New(), """{"eventtime":1,"status":{"print_stats":{"state":"printing","print_duration":10},"virtual_sdcard":{"progress":0.005}}}""");
        Assert.Null(u.Telemetry!.RemainingSeconds);
    }

    [Theory]
    [InlineData("standby", PrinterActivity.Idle)]
    [InlineData("printing", PrinterActivity.Printing)]
    [InlineData("paused", PrinterActivity.Paused)]
    [InlineData("complete", PrinterActivity.Idle)]
    [InlineData("cancelled", PrinterActivity.Idle)]
    [InlineData("error", PrinterActivity.Idle)]
    public void Print_states_map(string state, PrinterActivity activity) =>
        Assert.Equal(activity, Klipper(New(), "{\"eventtime\":1,\"status\":{\"print_stats\":{\"state\":\"" + state + "\"}}}").Telemetry!.Activity);

    [Theory]
    [InlineData("complete", PrinterEventType.JobFinished, null)]
    [InlineData("cancelled", PrinterEventType.JobCancelled, "cancelled")]
    [InlineData("error", PrinterEventType.JobFailed, "Move out of range: 250.000 0.000 0.300")]
    public void Outcomes_are_events_on_the_transition(string state, PrinterEventType type, string? reason)
    {
        var a = New();
        Klipper(a, Full);
        var u = Klipper(a, "{\"eventtime\":36000,\"status\":{\"print_stats\":{\"state\":\"" + state + "\",\"message\":\"" + (reason ?? "") + "\"}}}");
        var e = Assert.Single(u.Events);
        Assert.Equal((type, "job-42"), (e.Type, e.JobId));
        if (type != PrinterEventType.JobFinished) Assert.Equal(reason, e.Reason);
        Assert.Equal(PrinterActivity.Idle, u.Telemetry!.Activity);
        // The state persists: no second event.
        Assert.Empty(Klipper(a, "{\"eventtime\":36001,\"status\":{\"print_stats\":{\"state\":\"" + state + "\"}}}").Events);
    }

    [Fact]
    public void A_print_error_is_an_error_with_the_message()
    {
        var a = New();
        Klipper(a, Full);
        var u = Klipper(a, """{"eventtime":36000,"status":{"print_stats":{"state":"error","message":"Heater extruder not heating at expected rate"}}}""");
        Assert.Equal("Heater extruder not heating at expected rate", Assert.Single(u.Errors).Text);
    }

    [Fact]
    public void Pause_and_resume()
    {
        var a = New();
        Klipper(a, Full);
        Assert.Equal(PrinterEventType.JobPaused, Klipper(a, """{"eventtime":35200,"status":{"print_stats":{"state":"paused"}}}""").Events.Single().Type);
        Assert.Equal(PrinterEventType.JobResumed, Klipper(a, """{"eventtime":35300,"status":{"print_stats":{"state":"printing"}}}""").Events.Single().Type);
    }

    [Fact]
    public void Event_ids_are_deterministic_and_tell_attempts_apart()
    {
        string FinishId()
        {
            var a = New();
            Klipper(a, Full);
            return Klipper(a, """{"eventtime":36000,"status":{"print_stats":{"state":"complete"}}}""").Events.Single().EventId;
        }
        Assert.Equal(FinishId(), FinishId());

        var b = New();
        Klipper(b, Full);
        var first = Klipper(b, """{"eventtime":36000,"status":{"print_stats":{"state":"complete"}}}""").Events.Single().EventId;
        Klipper(b, """{"eventtime":36100,"status":{"print_stats":{"state":"standby"}}}""");
        Klipper(b, """{"eventtime":37000,"status":{"print_stats":{"state":"printing","total_duration":0,"print_duration":0}}}""");
        var second = Klipper(b, """{"eventtime":39000,"status":{"print_stats":{"state":"complete"}}}""").Events.Single().EventId;
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Klippy_not_ready_is_an_error_activity()
    {
        var a = New();
        Klipper(a, Full);
        var u = Klipper(a, """{"eventtime":35200,"status":{"webhooks":{"state":"shutdown","state_message":"MCU 'mcu' shutdown: Timer too close"}}}""");
        Assert.Equal(PrinterActivity.Error, u.Telemetry!.Activity);
        var err = Assert.Single(u.Errors);
        Assert.Equal(("klippy.shutdown", PrinterErrorSeverity.Fatal), (err.Code, err.Severity));
        Assert.Equal(PrinterActivity.Printing, Klipper(a, """{"eventtime":35300,"status":{"webhooks":{"state":"ready"}}}""").Telemetry!.Activity);
    }

    [Fact]
    public void Server_offline_and_back()
    {
        var a = New();
        Assert.True(Server(a, """{"server":"online"}""").Status!.Online);
        Assert.False(Server(a, """{"server":"offline"}""").Status!.Online);
        Assert.True(Server(a, """{"server":"online"}""").Status!.Online);
        Assert.Throws<FormatException>(() => Server(a, """{"server":"asleep"}"""));
    }

    [Fact]
    public void A_print_that_ends_while_offline_is_reported_when_back()
    {
        var a = New();
        Klipper(a, Full);
        Server(a, """{"server":"offline"}""");
        Server(a, """{"server":"online"}""");
        var u = Klipper(a, """{"eventtime":50000,"status":{"print_stats":{"state":"complete","filename":"job-42.gcode"},"webhooks":{"state":"ready"}}}""");
        Assert.Equal(PrinterEventType.JobFinished, u.Events.Single().Type);
    }

    [Fact]
    public void Other_topics_are_empty() =>
        Assert.True(New().Handle("printer-07/klipper/state/extruder/temperature", "{}"u8.ToArray(), Now).IsEmpty);

    [Theory]
    [InlineData("nope")]
    [InlineData("""{"eventtime":1}""")]
    [InlineData("""{"eventtime":1,"status":[1]}""")]
    [InlineData("""{"eventtime":1,"status":{"print_stats":"printing"}}""")]
    [InlineData("")]
    [InlineData("""{"eventtime":1,"status":{"print_stats":{"state":"printing"},"print_stats":{"state":"paused"}}}""")]
    public void Malformed_status_throws(string payload)
    {
        var ex = Record.Exception(() => Klipper(New(), payload));
        Assert.True(ex is FormatException or JsonException, ex?.GetType().Name);
    }

    [Fact]
    public void Huge_payloads_are_refused() =>
        Assert.Throws<FormatException>(() => Klipper(New(), "{\"status\":{\"x\":{\"y\":\"" + new string('a', 300 * 1024) + "\"}}}"));

    [Fact]
    public void Requests_are_json_rpc_with_ids_and_replies_match_by_id()
    {
        var tracker = new MoonrakerRequestTracker();
        var id = tracker.Next("printer.print.pause");
        var pause = JsonNode.Parse(MoonrakerCommands.Pause(id))!;
        Assert.Equal("2.0", pause["jsonrpc"]!.GetValue<string>());
        Assert.Equal("printer.print.pause", pause["method"]!.GetValue<string>());
        Assert.Equal(id, pause["id"]!.GetValue<long>());
        var start = JsonNode.Parse(MoonrakerCommands.Start(9, "job-42.gcode"))!;
        Assert.Equal("printer.print.start", start["method"]!.GetValue<string>());
        Assert.Equal("job-42.gcode", start["params"]!["filename"]!.GetValue<string>());
        Assert.Equal("printer.print.cancel", JsonNode.Parse(MoonrakerCommands.Cancel(1))!["method"]!.GetValue<string>());
        Assert.Equal("printer.print.resume", JsonNode.Parse(MoonrakerCommands.Resume(1))!["method"]!.GetValue<string>());

        var other = MoonrakerResponse.Parse("""{"jsonrpc":"2.0","result":"ok","id":999}"""u8);
        Assert.False(tracker.TryMatch(other, out _));
        var ok = MoonrakerResponse.Parse(Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","result":"ok","id":{{id}}}"""));
        Assert.True(ok.Ok);
        Assert.True(ok.Matches(id));
        Assert.True(tracker.TryMatch(ok, out var method));
        Assert.Equal("printer.print.pause", method);
        Assert.False(tracker.TryMatch(ok, out _)); // once

        var err = MoonrakerResponse.Parse("""{"jsonrpc":"2.0","error":{"code":400,"message":"Print is not paused"},"id":"7"}"""u8);
        Assert.Equal((7L, false, 400, "Print is not paused"), (err.Id, err.Ok, err.ErrorCode, err.ErrorMessage));
        Assert.Throws<FormatException>(() => MoonrakerResponse.Parse("""{"jsonrpc":"2.0","result":"ok"}"""u8));
    }
}
