using System.Text;
using System.Text.Json;
using PrintFarm.Printers;
using PrintFarm.Protocol;
using PrintFarm.Silo.Telemetry;

namespace PrintFarm.Tests.Telemetry;

/// <summary>
/// NaN and ±Infinity cannot be written as JSON, so one stored reading of them made every
/// printer list answer 500. On the native protocol they are dropped like an unreadable field:
/// that field is absent, the rest of the message still counts.
/// </summary>
[Trait("Category", "Unit")]
public sealed class NonFiniteNumberTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    // The spellings a JSON reader turns into a non-finite double: the named constants System.Text.Json
    // reads from strings, and numbers too large for a double, bare or quoted.
    public static TheoryData<string> NonFinite => ["\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e400", "-1e400", "\"1e400\""];

    private static PrinterTelemetry Telemetry(string json) =>
        FarmProtocolAdapter.ToTelemetry(FarmJson.Deserialize<PrinterTelemetryMessage>(Encoding.UTF8.GetBytes(json)), Now);

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void A_non_finite_temperature_is_dropped_and_the_rest_of_the_telemetry_is_kept(string bad)
    {
        var t = Telemetry($$$"""
            {"activity":"Printing","jobId":"j1","progress":37.5,"remainingSeconds":52,
             "nozzle":{"actual":{{{bad}}},"target":215},"bed":{"actual":59.5,"target":{{{bad}}}}}
            """);
        Assert.Null(t.NozzleTemperature);
        Assert.Equal(215, t.NozzleTarget);
        Assert.Equal(59.5, t.BedTemperature);
        Assert.Null(t.BedTarget);
        Assert.Equal((PrinterActivity.Printing, "j1", 37.5, 52), (t.Activity, t.JobId, t.Progress, t.RemainingSeconds));
    }

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void A_non_finite_progress_or_duration_is_dropped(string bad)
    {
        var t = Telemetry($$$"""
            {"activity":"Printing","jobId":"j1","progress":{{{bad}}},"remainingSeconds":{{{bad}}},"elapsedSeconds":{{{bad}}},
             "nozzle":{"actual":219.8,"target":220},
             "lastOutcome":{"eventId":"e1","type":"JobFinished","jobId":"j0","elapsedSeconds":{{{bad}}}}}
            """);
        Assert.Null(t.Progress);
        Assert.Null(t.RemainingSeconds);
        Assert.Null(t.ElapsedSeconds);
        Assert.Equal((219.8, 220.0), (t.NozzleTemperature, t.NozzleTarget));
        Assert.Equal(("e1", "j0"), (t.LastOutcome!.EventId, t.LastOutcome.JobId));
        Assert.Null(t.LastOutcome.ElapsedSeconds);
    }

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void A_non_finite_duration_in_an_event_is_dropped_and_the_event_kept(string bad)
    {
        var e = FarmProtocolAdapter.ToEvent(FarmJson.Deserialize<PrinterEventMessage>(Encoding.UTF8.GetBytes(
            $$$"""{"eventId":"e1","type":"JobFailed","jobId":"j1","reason":"nozzle clog","elapsedSeconds":{{{bad}}}}""")), Now);
        Assert.Equal(("e1", PrinterEventType.JobFailed, "j1", "nozzle clog"), (e.EventId, e.Type, e.JobId, e.Reason));
        Assert.Null(e.ElapsedSeconds);
    }

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void A_non_finite_nozzle_diameter_or_build_volume_is_dropped_and_the_printer_still_announced(string bad)
    {
        var s = FarmProtocolAdapter.ToStatus(FarmJson.Deserialize<PrinterStatusMessage>(Encoding.UTF8.GetBytes(
            $$$"""{"online":true,"model":"MK4","materials":["PLA"],"nozzleDiameter":{{{bad}}},"buildVolume":{"x":250,"y":{{{bad}}},"z":220}}""")), Now);
        Assert.True(s.Online);
        Assert.Equal("MK4", s.Capabilities!.Model);
        Assert.Equal(["PLA"], s.Capabilities.Materials);
        Assert.Null(s.Capabilities.NozzleDiameter);
        Assert.Null(s.Capabilities.BuildVolume);
    }

    [Fact]
    public void Finite_numbers_as_numbers_or_strings_still_read()
    {
        var t = Telemetry("""
            {"activity":"Printing","progress":"37.5","remainingSeconds":"52","elapsedSeconds":31,
             "nozzle":{"actual":"219.8","target":220},"bed":{"actual":-0.5,"target":"6e1"}}
            """);
        Assert.Equal((37.5, 52, 31), (t.Progress, t.RemainingSeconds, t.ElapsedSeconds));
        Assert.Equal((219.8, 220.0, -0.5, 60.0), (t.NozzleTemperature, t.NozzleTarget, t.BedTemperature, t.BedTarget));
        var s = FarmProtocolAdapter.ToStatus(FarmJson.Deserialize<PrinterStatusMessage>(
            """{"online":true,"model":"MK4","nozzleDiameter":"0.4","buildVolume":{"x":"250","y":210,"z":220}}"""u8), Now);
        Assert.Equal(0.4, s.Capabilities!.NozzleDiameter);
        Assert.Equal("250 x 210 x 220", s.Capabilities.BuildVolume);
    }

    [Fact]
    public void Nulls_and_escaped_strings_read_too()
    {
        var t = Telemetry("""{"activity":"Idle","progress":null,"remainingSeconds":"\u0035\u0032","elapsedSeconds":null,"nozzle":{"actual":"\u004EaN","target":"2\u0031\u0035"}}""");
        Assert.Null(t.Progress);
        Assert.Equal(52, t.RemainingSeconds);
        Assert.Null(t.ElapsedSeconds);
        Assert.Null(t.NozzleTemperature);
        Assert.Equal(215, t.NozzleTarget);
    }

    [Fact]
    public void What_printers_and_the_farm_write_is_unchanged()
    {
        Assert.Equal(
            """{"activity":"Printing","jobId":"j1","progress":37.5,"remainingSeconds":52,"nozzle":{"actual":219.8,"target":220}}""",
            Encoding.UTF8.GetString(FarmJson.Serialize(new PrinterTelemetryMessage
            {
                Activity = PrinterActivity.Printing, JobId = "j1", Progress = 37.5, RemainingSeconds = 52, Nozzle = new Temperature(219.8, 220),
            })));
        Assert.Equal(
            """{"online":true,"buildVolume":{"x":250,"y":210,"z":220},"nozzleDiameter":0.4}""",
            Encoding.UTF8.GetString(FarmJson.Serialize(new PrinterStatusMessage { Online = true, BuildVolume = new BuildVolume(250, 210, 220), NozzleDiameter = 0.4 })));
        Assert.Equal(
            """{"commandId":"c1","type":"Start","jobId":"j1","estimatedSeconds":20}""",
            Encoding.UTF8.GetString(FarmJson.Serialize(new PrinterCommandMessage { CommandId = "c1", Type = PrinterCommandType.Start, JobId = "j1", EstimatedSeconds = 20 })));
    }

    [Theory]
    [InlineData("""{"activity":"Idle","progress":"abc"}""")]
    [InlineData("""{"activity":"Idle","remainingSeconds":"abc"}""")]
    [InlineData("""{"activity":"Idle","remainingSeconds":52.5}""")]
    [InlineData("""{"activity":"Idle","nozzle":{"actual":true,"target":0}}""")]
    public void Other_unreadable_numbers_still_make_the_message_malformed(string payload) =>
        Assert.Throws<JsonException>(() => FarmJson.Deserialize<PrinterTelemetryMessage>(Encoding.UTF8.GetBytes(payload)));

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void A_bare_NaN_or_Infinity_is_not_JSON_so_the_message_is_malformed_and_never_stored(string literal) =>
        Assert.Throws<JsonException>(() => FarmJson.Deserialize<PrinterTelemetryMessage>(Encoding.UTF8.GetBytes(
            $$$"""{"activity":"Idle","nozzle":{"actual":{{{literal}}},"target":0}}""")));

    [Fact]
    public void The_adapter_drops_non_finite_numbers_in_a_message_built_in_code()
    {
        var t = FarmProtocolAdapter.ToTelemetry(new PrinterTelemetryMessage
        {
            Activity = PrinterActivity.Printing,
            Progress = double.NaN,
            Nozzle = new Temperature(double.PositiveInfinity, 220),
            Bed = new Temperature(60, double.NegativeInfinity),
        }, Now);
        Assert.Null(t.Progress);
        Assert.Null(t.NozzleTemperature);
        Assert.Equal(220, t.NozzleTarget);
        Assert.Equal(60, t.BedTemperature);
        Assert.Null(t.BedTarget);
        var s = FarmProtocolAdapter.ToStatus(new PrinterStatusMessage { Online = true, Model = "MK4", NozzleDiameter = double.NaN }, Now);
        Assert.Null(s.Capabilities!.NozzleDiameter);
    }

    [Fact]
    public void What_the_farm_takes_in_from_a_non_finite_reading_can_be_written_as_json()
    {
        // What the gateway does with it in the end: System.Text.Json refuses to write NaN.
        var t = Telemetry("""{"activity":"Idle","progress":"NaN","nozzle":{"actual":"NaN","target":"Infinity"},"bed":{"actual":"-Infinity","target":0}}""");
        var json = JsonSerializer.Serialize(t);
        Assert.DoesNotContain("NaN", json);
        Assert.DoesNotContain("Infinity", json);
    }
}
