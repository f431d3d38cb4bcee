using System.Text;
using System.Text.Json;
using PrintFarm.Printers;
using PrintFarm.Protocol;
using PrintFarm.Printers.Dialects;

namespace PrintFarm.Tests.Dialects;

/// <summary>
/// Every number the dialect adapters read goes through <c>DialectJson</c>, which drops NaN and
/// ±Infinity: a vendor that sends them loses that field, never the message, and nothing
/// unwritable reaches the farm.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DialectNonFiniteNumberTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> NonFinite => ["\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"nan\"", "1e400", "-1e400", "\"1e400\""];

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Bambu(string bad)
    {
        var u = new BambuAdapter("bbl-01").Report(Encoding.UTF8.GetBytes($$$"""
            {"print":{"command":"push_status","gcode_state":"RUNNING","subtask_name":"job-42",
              "mc_percent":{{{bad}}},"mc_remaining_time":{{{bad}}},"layer_num":{{{bad}}},"total_layer_num":240,
              "nozzle_temper":{{{bad}}},"nozzle_target_temper":220.0,"bed_temper":54.8,"bed_target_temper":{{{bad}}},
              "gcode_start_time":{{{bad}}},"print_error":{{{bad}}},"hms":[{"attr":{{{bad}}},"code":65543}]}}
            """), Now);
        var t = u.Telemetry!;
        Assert.Equal((PrinterActivity.Printing, "job-42"), (t.Activity, t.JobId));
        Assert.Null(t.Progress);
        Assert.Null(t.RemainingSeconds);
        Assert.Null(t.Layer);
        Assert.Equal(240, t.TotalLayers);
        Assert.Null(t.NozzleTemperature);
        Assert.Equal(220.0, t.NozzleTarget);
        Assert.Equal(54.8, t.BedTemperature);
        Assert.Null(t.BedTarget);
        Assert.Null(t.ElapsedSeconds);
        Assert.Empty(u.Errors);
        Assert.Equal(PrinterEventType.JobStarted, Assert.Single(u.Events).Type);
        AssertWritable(u);
    }

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void OctoPrint(string bad)
    {
        var a = new OctoPrintAdapter("octo-07", "farm/octo-07/");
        DialectUpdate Send(string sub, string payload) => a.Handle("farm/octo-07/" + sub, Encoding.UTF8.GetBytes(payload), Now);
        Send("mqtt", "connected");
        Send("event/PrintStarted", $$$"""{"name":"job-42.gcode","path":"job-42.gcode","_timestamp":{{{bad}}} }""");
        Send("temperature/tool0", """{"actual":209.6,"target":210.0}""");

        var temperature = Send("temperature/tool0", $$$"""{"actual":{{{bad}}},"target":{{{bad}}} }""").Telemetry!;
        Assert.Equal((209.6, 210.0), (temperature.NozzleTemperature, temperature.NozzleTarget)); // a missing reading keeps the last one
        var bed = Send("temperature/bed", $$$"""{"actual":{{{bad}}},"target":60}""").Telemetry!;
        Assert.Null(bed.BedTemperature);
        Assert.Equal(60, bed.BedTarget);

        var progress = Send("progress/printing", $$$"""
            {"progress":{{{bad}}},"path":"job-42.gcode","printer_data":{"progress":{"printTimeLeft":{{{bad}}},"printTime":{{{bad}}} } } }
            """);
        Assert.Equal(0, progress.Telemetry!.Progress); // as the start left it
        Assert.Equal("job-42", progress.Telemetry.JobId);
        AssertWritable(progress);

        var done = Send("event/PrintDone", $$$"""{"name":"job-42.gcode","path":"job-42.gcode","time":{{{bad}}},"_timestamp":{{{bad}}} }""");
        var finished = Assert.Single(done.Events);
        Assert.Equal((PrinterEventType.JobFinished, "job-42"), (finished.Type, finished.JobId));
        AssertWritable(done);
    }

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Moonraker(string bad)
    {
        var u = new MoonrakerAdapter("mk-07", "printer-07").Handle("printer-07/klipper/status", Encoding.UTF8.GetBytes($$$"""
            {"eventtime":{{{bad}}},"status":{"print_stats":{"state":"printing","filename":"job-42.gcode",
              "print_duration":{{{bad}}},"total_duration":{{{bad}}},"info":{"current_layer":{{{bad}}},"total_layer":240}},
              "virtual_sdcard":{"progress":{{{bad}}} },"display_status":{"progress":0.25},
              "extruder":{"temperature":{{{bad}}},"target":220.0},"heater_bed":{"temperature":54.9,"target":{{{bad}}} },
              "webhooks":{"state":"ready"} } }
            """), Now);
        var t = u.Telemetry!;
        Assert.Equal((PrinterActivity.Printing, "job-42"), (t.Activity, t.JobId));
        Assert.Equal(25, t.Progress); // the other progress Klipper reports
        Assert.Null(t.RemainingSeconds);
        Assert.Null(t.ElapsedSeconds);
        Assert.Null(t.Layer);
        Assert.Equal(240, t.TotalLayers);
        Assert.Null(t.NozzleTemperature);
        Assert.Equal(220.0, t.NozzleTarget);
        Assert.Equal(54.9, t.BedTemperature);
        Assert.Null(t.BedTarget);
        Assert.Equal(PrinterEventType.JobStarted, Assert.Single(u.Events).Type);
        AssertWritable(u);
    }

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Moonraker_replies(string bad)
    {
        Assert.Throws<FormatException>(() => MoonrakerResponse.Parse(Encoding.UTF8.GetBytes($$$"""{"jsonrpc":"2.0","id":{{{bad}}},"result":"ok"}""")));
        var refused = MoonrakerResponse.Parse(Encoding.UTF8.GetBytes($$$"""{"jsonrpc":"2.0","id":7,"error":{"code":{{{bad}}},"message":"busy"}}"""));
        Assert.Equal((7L, false, (int?)null, "busy"), (refused.Id, refused.Ok, refused.ErrorCode, refused.ErrorMessage));
    }

    /// <summary>What the farm does with it in the end: System.Text.Json refuses to write NaN.</summary>
    private static void AssertWritable(DialectUpdate u)
    {
        var json = JsonSerializer.Serialize(new { u.Telemetry, u.Events, u.Status });
        Assert.DoesNotContain("NaN", json);
        Assert.DoesNotContain("Infinity", json);
    }
}
