using System.Text;
using System.Text.Json;
using PrintFarm.Protocol;
using PrintFarm.Silo.Telemetry;

namespace PrintFarm.Tests.Telemetry;

[Trait("Category", "Unit")]
public sealed class FarmProtocolTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("farm/printers/p-01/telemetry", "p-01", "telemetry")]
    [InlineData("farm/printers/sim-001/events", "sim-001", "events")]
    public void Farm_topics_parse(string topic, string printer, string channel)
    {
        Assert.True(FarmTopics.TryParse(topic, out var p, out var c));
        Assert.Equal((printer, channel), (p, c));
    }

    [Theory]
    [InlineData("farm/printers//telemetry")]
    [InlineData("farm/printers/p1")]
    [InlineData("farm/printers/p1/")]
    [InlineData("farm/printers/p 1/telemetry")]
    [InlineData("farm/printers/p1/telemetry/extra")]
    [InlineData("other/p1/telemetry")]
    public void Other_topics_do_not(string topic) => Assert.False(FarmTopics.TryParse(topic, out _, out _));

    [Fact]
    public void Numbers_sent_as_strings_and_unknown_fields_are_accepted()
    {
        var message = FarmJson.Deserialize<PrinterTelemetryMessage>(Encoding.UTF8.GetBytes(
            """{"activity":"printing","jobId":"j1","progress":"37.5","remainingSeconds":"52","firmwareExtra":{"x":1}}"""));
        var telemetry = FarmProtocolAdapter.ToTelemetry(message, Now);
        Assert.Equal(PrintFarm.Protocol.PrinterActivity.Printing, telemetry.Activity);
        Assert.Equal(37.5, telemetry.Progress);
        Assert.Equal(52, telemetry.RemainingSeconds);
        Assert.Equal(Now, telemetry.ReceivedAt);
    }

    [Fact]
    public void Out_of_range_progress_is_clamped()
    {
        var telemetry = FarmProtocolAdapter.ToTelemetry(new PrinterTelemetryMessage { Activity = PrinterActivity.Printing, Progress = 140, RemainingSeconds = -5 }, Now);
        Assert.Equal(100, telemetry.Progress);
        Assert.Equal(0, telemetry.RemainingSeconds);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"activity\":\"Flying\"}")]
    [InlineData("{}")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    public void Malformed_telemetry_throws_a_json_error_the_ingress_can_count(string payload) =>
        Assert.Throws<JsonException>(() => FarmJson.Deserialize<PrinterTelemetryMessage>(Encoding.UTF8.GetBytes(payload)));

    [Fact]
    public void An_event_without_an_id_cannot_be_deduplicated_so_it_is_refused() =>
        Assert.Throws<FormatException>(() => FarmProtocolAdapter.ToEvent(new PrinterEventMessage { EventId = "", Type = PrinterEventType.JobStarted, JobId = "j1" }, Now));

    [Fact]
    public void A_last_will_has_no_capabilities()
    {
        var will = FarmProtocolAdapter.ToStatus(FarmJson.Deserialize<PrinterStatusMessage>("""{"online":false}"""u8), Now);
        Assert.False(will.Online);
        Assert.Null(will.Capabilities);
        var hello = FarmProtocolAdapter.ToStatus(new PrinterStatusMessage { Online = true, Model = "MK4", Materials = ["pla", " PETG ", "pla"] }, Now);
        Assert.Equal(["PLA", "PETG"], hello.Capabilities!.Materials);
        Assert.Equal("FDM", hello.Capabilities.Technology);
    }
}
