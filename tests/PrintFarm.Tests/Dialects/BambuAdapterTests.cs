using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrintFarm.Protocol;
using PrintFarm.Printers.Dialects;

namespace PrintFarm.Tests.Dialects;

[Trait("Category", "Unit")]
public sealed class BambuAdapterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private const string Full = """
        {"print":{"command":"push_status","msg":0,"sequence_id":"2021","gcode_state":"RUNNING",
          "mc_percent":37,"mc_remaining_time":52,"layer_num":88,"total_layer_num":240,
          "nozzle_temper":219.9,"nozzle_target_temper":220.0,"bed_temper":54.8,"bed_target_temper":55.0,
          "subtask_name":"job-42","gcode_file":"/data/Metadata/plate_1.gcode","print_type":"local",
          "gcode_start_time":"1795510000",
          "print_error":0,"hms":[],"stg_cur":0,"spd_lvl":2,"wifi_signal":"-52dBm"}}
        """;

    private static DialectUpdate Send(BambuAdapter a, string json, DateTimeOffset? at = null) =>
        a.Report(Encoding.UTF8.GetBytes(json), at ?? Now);

    [Fact]
    public void Full_report_is_normalized()
    {
        var u = Send(new BambuAdapter("bbl-01"), Full);
        var t = u.Telemetry!;
        Assert.Equal(PrinterActivity.Printing, t.Activity);
        Assert.Equal("job-42", t.JobId);
        Assert.Equal(37, t.Progress);
        Assert.Equal(52 * 60, t.RemainingSeconds);
        Assert.Equal((88, 240), (t.Layer, t.TotalLayers));
        Assert.Equal((219.9, 220.0, 54.8, 55.0), (t.NozzleTemperature, t.NozzleTarget, t.BedTemperature, t.BedTarget));
        Assert.Null(t.Error);
        Assert.Equal(Now, t.ReceivedAt);
        Assert.Empty(u.Errors);
        // First sight of a running farm job: a start, idempotent by id.
        var started = Assert.Single(u.Events);
        Assert.Equal(PrinterEventType.JobStarted, started.Type);
        Assert.Equal("job-42", started.JobId);
    }

    [Fact]
    public void P1_delta_keeps_what_it_does_not_mention()
    {
        var a = new BambuAdapter("bbl-01");
        Send(a, Full);
        var u = Send(a, """{"print":{"command":"push_status","msg":1,"sequence_id":"2022","mc_percent":38,"layer_num":90}}""");
        var t = u.Telemetry!;
        Assert.Equal(38, t.Progress);
        Assert.Equal(90, t.Layer);
        Assert.Equal(240, t.TotalLayers);
        Assert.Equal(52 * 60, t.RemainingSeconds);
        Assert.Equal(219.9, t.NozzleTemperature);
        Assert.Equal(PrinterActivity.Printing, t.Activity);
        Assert.Equal("job-42", t.JobId);
        Assert.Empty(u.Events);
    }

    [Fact]
    public void Numbers_as_strings_are_read()
    {
        var u = Send(new BambuAdapter("bbl-01"), """
            {"print":{"gcode_state":"RUNNING","mc_percent":"41","mc_remaining_time":"10","nozzle_temper":"215.5","layer_num":"7","print_error":"0"}}
            """);
        Assert.Equal(41, u.Telemetry!.Progress);
        Assert.Equal(600, u.Telemetry.RemainingSeconds);
        Assert.Equal(215.5, u.Telemetry.NozzleTemperature);
        Assert.Equal(7, u.Telemetry.Layer);
        Assert.Empty(u.Errors);
    }

    [Theory]
    [InlineData("RUNNING", PrinterActivity.Printing)]
    [InlineData("PREPARE", PrinterActivity.Preparing)]
    [InlineData("SLICING", PrinterActivity.Preparing)]
    [InlineData("INIT", PrinterActivity.Preparing)]
    [InlineData("PAUSE", PrinterActivity.Paused)]
    [InlineData("IDLE", PrinterActivity.Idle)]
    [InlineData("FINISH", PrinterActivity.Idle)]
    [InlineData("FAILED", PrinterActivity.Idle)]
    [InlineData("PRINTING", PrinterActivity.Error)] // not a Bambu state (FDMM's pitfall)
    public void Gcode_states_map(string state, PrinterActivity activity) =>
        Assert.Equal(activity, Send(new BambuAdapter("bbl-01"), "{\"print\":{\"gcode_state\":\"" + state + "\"}}").Telemetry!.Activity);

    [Fact]
    public void Finish_is_a_finished_job_once()
    {
        var a = new BambuAdapter("bbl-01");
        Send(a, Full);
        var u = Send(a, """{"print":{"gcode_state":"FINISH","mc_percent":100}}""", Now.AddMinutes(52));
        var e = Assert.Single(u.Events);
        Assert.Equal(PrinterEventType.JobFinished, e.Type);
        Assert.Equal("job-42", e.JobId);
        Assert.Equal(PrinterActivity.Idle, u.Telemetry!.Activity);
        // FINISH stays until the next job: no second event.
        Assert.Empty(Send(a, """{"print":{"gcode_state":"FINISH","mc_percent":100}}""").Events);
    }

    [Fact]
    public void Cancel_sequence_is_a_cancel_not_a_failure()
    {
        var a = new BambuAdapter("bbl-01");
        Send(a, Full);
        var cancel = Send(a, """{"print":{"print_error":50348044}}""");
        Assert.Empty(cancel.Events);
        Assert.Contains(cancel.Errors, x => x.Code == "0300_400C");
        Send(a, """{"print":{"print_error":0}}"""); // cleared a few seconds later
        var u = Send(a, """{"print":{"gcode_state":"FAILED"}}""");
        var e = Assert.Single(u.Events);
        Assert.Equal(PrinterEventType.JobCancelled, e.Type);
    }

    [Fact]
    public void Failed_without_the_cancel_code_is_a_failure()
    {
        var a = new BambuAdapter("bbl-01");
        Send(a, Full);
        var u = Send(a, """{"print":{"gcode_state":"FAILED","print_error":117473286}}""");
        var e = Assert.Single(u.Events);
        Assert.Equal(PrinterEventType.JobFailed, e.Type);
        Assert.Equal("0700_8006", e.Reason);
        var err = Assert.Single(u.Errors);
        Assert.Equal(("0700_8006", "ams"), (err.Code, err.Module));
    }

    [Fact]
    public void Event_ids_are_deterministic_for_the_same_occurrence()
    {
        string Finish()
        {
            var a = new BambuAdapter("bbl-01");
            Send(a, Full);
            return Send(a, """{"print":{"gcode_state":"FINISH"}}""").Events.Single().EventId;
        }
        Assert.Equal(Finish(), Finish());

        // Another attempt of the same job (new printer start time) is another occurrence.
        var b = new BambuAdapter("bbl-01");
        Send(b, Full);
        var first = Send(b, """{"print":{"gcode_state":"FINISH"}}""").Events.Single().EventId;
        var restarted = Send(b, """{"print":{"gcode_state":"PREPARE","gcode_start_time":"1795520000"}}""");
        Assert.Equal(PrinterEventType.JobStarted, restarted.Events.Single().Type);
        Send(b, """{"print":{"gcode_state":"RUNNING"}}""");
        var second = Send(b, """{"print":{"gcode_state":"FINISH"}}""").Events.Single().EventId;
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Pause_and_resume_are_events()
    {
        var a = new BambuAdapter("bbl-01");
        Send(a, Full);
        var p = Send(a, """{"print":{"gcode_state":"PAUSE"}}""");
        Assert.Equal(PrinterEventType.JobPaused, p.Events.Single().Type);
        Assert.Equal(PrinterActivity.Paused, p.Telemetry!.Activity);
        var r = Send(a, """{"print":{"gcode_state":"RUNNING"}}""");
        Assert.Equal(PrinterEventType.JobResumed, r.Events.Single().Type);
        var p2 = Send(a, """{"print":{"gcode_state":"PAUSE"}}""");
        Assert.NotEqual(p.Events.Single().EventId, p2.Events.Single().EventId);
    }

    [Fact]
    public void Hms_is_decoded_and_replaced_whole()
    {
        var a = new BambuAdapter("bbl-01");
        Send(a, Full);
        var u = Send(a, """{"print":{"hms":[{"attr":50331904,"code":65543},{"attr":117440768,"code":"262145"}]}}""");
        Assert.Equal(2, u.Errors.Count);
        var first = u.Errors[0];
        Assert.Equal("HMS_0300_0100_0001_0007", first.Code);
        Assert.Equal(PrinterErrorSeverity.Fatal, first.Severity);
        Assert.Equal("mc", first.Module);
        Assert.Equal("HMS_0700_0100_0004_0001", u.Errors[1].Code);
        Assert.Equal((PrinterErrorSeverity.Info, "ams"), (u.Errors[1].Severity, u.Errors[1].Module));
        Assert.Equal("HMS_0300_0100_0001_0007", u.Telemetry!.Error);

        // A shorter list replaces the old one; a delta without hms keeps it.
        Assert.Single(Send(a, """{"print":{"hms":[{"attr":117440768,"code":262145}]}}""").Errors);
        Assert.Single(Send(a, """{"print":{"mc_percent":50}}""").Errors);
        Assert.Empty(Send(a, """{"print":{"hms":[]}}""").Errors);
    }

    [Theory]
    [InlineData(117473286L, "0700_8006")]
    [InlineData(50348044L, "0300_400C")]
    public void Print_error_is_formatted(long code, string text) => Assert.Equal(text, BambuErrors.FormatPrintError(code));

    [Theory]
    [InlineData(0x0C000000L, "xcam")]
    [InlineData(0x08000000L, "toolhead")]
    [InlineData(0x05000000L, "mainboard")]
    [InlineData(0x01000000L, null)]
    public void Hms_modules(long attr, string? module) => Assert.Equal(module, BambuErrors.Module(attr));

    [Fact]
    public void Ams_trays_merge_by_id()
    {
        var a = new BambuAdapter("bbl-01");
        Send(a, """
            {"print":{"gcode_state":"IDLE","ams":{"ams":[{"id":"0","humidity":"4","tray":[
              {"id":"0","tray_type":"PLA","remain":80},{"id":"1","tray_type":"PETG","remain":50}]}]}}}
            """);
        Send(a, """{"print":{"ams":{"ams":[{"id":"0","tray":[{"id":"1","remain":45}]}]}}}""");
        var trays = a.Snapshot()["ams"]!["ams"]![0]!["tray"]!.AsArray();
        Assert.Equal(2, trays.Count);
        Assert.Equal("PLA", trays[0]!["tray_type"]!.GetValue<string>());
        Assert.Equal(80, trays[0]!["remain"]!.GetValue<int>());
        Assert.Equal("PETG", trays[1]!["tray_type"]!.GetValue<string>());
        Assert.Equal(45, trays[1]!["remain"]!.GetValue<int>());
        Assert.Equal("4", a.Snapshot()["ams"]!["ams"]![0]!["humidity"]!.GetValue<string>());
    }

    [Fact]
    public void Subtask_names_that_are_not_ids_give_no_job_and_no_events()
    {
        var a = new BambuAdapter("bbl-01");
        var u = Send(a, """{"print":{"gcode_state":"RUNNING","subtask_name":"my bracket (final)"}}""");
        Assert.Null(u.Telemetry!.JobId);
        Assert.Empty(u.Events);
        Assert.Empty(Send(a, """{"print":{"gcode_state":"FINISH"}}""").Events);
    }

    [Fact]
    public void Acks_and_other_classes_are_empty()
    {
        var a = new BambuAdapter("bbl-01");
        Assert.True(Send(a, """{"info":{"command":"get_version","sequence_id":"1","module":[]}}""").IsEmpty);
        Assert.True(Send(a, """{"print":{"command":"pause","sequence_id":"7","param":"","result":"success"}}""").IsEmpty);
        Assert.Null(a.Snapshot()["result"]);
    }

    [Fact]
    public void Connectivity_comes_from_the_connection()
    {
        var a = new BambuAdapter("bbl-01");
        Assert.False(a.Disconnected(Now).Status!.Online);
        Assert.True(a.Connected(Now).Status!.Online);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"print":5}""")]
    [InlineData("""{"print":{"hms":{"attr":1}}}""")]
    [InlineData("")]
    [InlineData("""{"print":{"gcode_state":"RUNNING","gcode_state":"IDLE"}}""")]
    [InlineData("""{"print":{"ams":{"ams":[{"id":"0","id":"1"}]}}}""")]
    [InlineData("""{"print":{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}""")]
    public void Malformed_payloads_throw_format_or_json_exceptions(string payload)
    {
        var ex = Record.Exception(() => Send(new BambuAdapter("bbl-01"), payload));
        Assert.True(ex is FormatException or JsonException, ex?.GetType().Name);
    }

    [Fact]
    public void Huge_payloads_are_refused()
    {
        var huge = "{\"print\":{\"x\":\"" + new string('a', 300 * 1024) + "\"}}";
        Assert.Throws<FormatException>(() => Send(new BambuAdapter("bbl-01"), huge));
    }

    [Fact]
    public void Wrong_types_are_ignored_not_fatal()
    {
        var u = Send(new BambuAdapter("bbl-01"), """{"print":{"gcode_state":"RUNNING","mc_percent":{"a":1},"layer_num":true,"hms":[{"attr":"x"},7]}}""");
        Assert.Null(u.Telemetry!.Progress);
        Assert.Null(u.Telemetry.Layer);
        Assert.Empty(u.Errors);
    }

    [Fact]
    public void Commands_are_built()
    {
        var pause = JsonNode.Parse(BambuCommands.Pause(12))!["print"]!;
        Assert.Equal("pause", pause["command"]!.GetValue<string>());
        Assert.Equal("12", pause["sequence_id"]!.GetValue<string>());
        Assert.Equal("", pause["param"]!.GetValue<string>());
        Assert.Equal("stop", JsonNode.Parse(BambuCommands.Stop(1))!["print"]!["command"]!.GetValue<string>());
        Assert.Equal("resume", JsonNode.Parse(BambuCommands.Resume(1))!["print"]!["command"]!.GetValue<string>());

        var start = JsonNode.Parse(BambuCommands.ProjectFile(new BambuProjectFileRequest { JobId = "job-42", FileName = "job-42.3mf", Plate = 2, UseAms = true, AmsMapping = [2, 0] }, 5))!["print"]!;
        Assert.Equal("project_file", start["command"]!.GetValue<string>());
        Assert.Equal("5", start["sequence_id"]!.GetValue<string>());
        Assert.Equal("Metadata/plate_2.gcode", start["param"]!.GetValue<string>());
        Assert.Equal("file:///sdcard/job-42.3mf", start["url"]!.GetValue<string>());
        Assert.Equal("job-42", start["subtask_name"]!.GetValue<string>());
        Assert.Equal("[2,0]", start["ams_mapping"]!.ToJsonString());
        Assert.True(start["use_ams"]!.GetValue<bool>());
        Assert.Throws<ArgumentException>(() => BambuCommands.ProjectFile(new BambuProjectFileRequest { JobId = "bad id", FileName = "x.3mf" }, 1));
    }
}
