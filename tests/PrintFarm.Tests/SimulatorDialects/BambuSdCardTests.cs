using System.Text.Json.Nodes;
using PrintFarm.PrinterSimulator;
using PrintFarm.PrinterSimulator.Dialects;
using PrintFarm.PrinterSimulator.Files;
using PrintFarm.Printers.Dialects;
using PrintFarm.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace PrintFarm.Tests.SimulatorDialects;

/// <summary>
/// A simulated Bambu printer with an SD card (the folder its FTPS server writes to): it prints only
/// files found there, for the time their slicer wrote in them, and refuses the others as firmware does.
/// </summary>
[Trait("Category", "Unit")]
public sealed class BambuSdCardTests
{
    private const string Request = "device/sim-001/request";

    private static PrinterStorage NewCard()
    {
        var folder = Path.Combine(PrintFarm.Harness.TestFolders.Root, "simsdcard", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return new PrinterStorage(folder);
    }

    private static JsonObject Ack(DialectRoundTrip trip, string command) =>
        trip.Published.Select(m => (JsonObject)JsonNode.Parse(m.Payload)!["print"]!).Single(p => (string?)p["command"] == command);

    /// <summary>Ticks a second at a time until the job ends; returns the printing time it took.</summary>
    private static int SecondsToFinish(DialectRoundTrip trip)
    {
        trip.RunUntilEvents(2, maxSeconds: 5000);
        var finished = Assert.Single(trip.Events, e => e.Type == PrinterEventType.JobFinished);
        return (int)(finished.ReceivedAt - trip.Events[0].ReceivedAt).TotalSeconds;
    }

    /// <summary>The printer's speed is 1.0 here; the behaviour model adds up to ±5 % of noise per job, and a tick is a second.</summary>
    internal static void AssertAbout(double expectedSeconds, double actualSeconds, double speedFactor = 1.0) =>
        Assert.InRange(actualSeconds, expectedSeconds * speedFactor * 0.95 - 2, expectedSeconds * speedFactor * 1.05 + 2);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_3mf_on_the_card_starts_and_prints_for_its_plates_time(bool legacyUrl)
    {
        var card = NewCard();
        File.Copy(SlicerTimeTests.Sample("orcaslicer-cube.gcode.3mf"), Path.Combine(card.Folder, "PF-SD-1-1.gcode.3mf"));
        var trip = DialectRoundTrip.Bambu(sdCard: card);
        trip.Command(Request, BambuCommands.PushAll(1));
        trip.Command(Request, BambuCommands.ProjectFile(
            new BambuProjectFileRequest { JobId = "PF-SD-1-1", FileName = "PF-SD-1-1.gcode.3mf", LegacySdcardUrl = legacyUrl }, 2));

        Assert.Equal("success", (string?)Ack(trip, "project_file")["result"]);
        Assert.Equal([PrinterEventType.JobStarted], trip.EventTypes);
        // Bambu reports whole minutes left.
        Assert.InRange(trip.Telemetry!.RemainingSeconds!.Value, 2772 * 0.95 - 60, 2772 * 1.05 + 60);
        AssertAbout(2772, SecondsToFinish(trip));
    }

    [Fact]
    public void A_file_missing_from_the_card_is_refused_and_nothing_starts()
    {
        var trip = DialectRoundTrip.Bambu(sdCard: NewCard());
        trip.Command(Request, BambuCommands.PushAll(1));
        trip.Command(Request, BambuCommands.ProjectFile(new BambuProjectFileRequest { JobId = "PF-SD-2-1", FileName = "PF-SD-2-1.gcode.3mf" }, 2));

        var ack = Ack(trip, "project_file");
        Assert.Equal("failed", (string?)ack["result"]);
        Assert.Equal(BambuSpeaker.MissingFileReason, (string?)ack["reason"]);
        trip.Run(5);
        Assert.Empty(trip.Events);
        Assert.Null(trip.Printer.CurrentJobId);
        Assert.Equal(PrinterActivity.Idle, trip.Telemetry!.Activity);
    }

    [Theory]
    [InlineData("/sdcard/PF-SD-3-1.gcode")]
    [InlineData("PF-SD-3-1.gcode")]
    public void A_plain_gcode_file_on_the_card_prints_for_its_time(string param)
    {
        var card = NewCard();
        File.Copy(SlicerTimeTests.Sample("prusaslicer-cube.gcode"), Path.Combine(card.Folder, "PF-SD-3-1.gcode"));
        var trip = DialectRoundTrip.Bambu(sdCard: card);
        trip.Command(Request, BambuCommands.PushAll(1));
        trip.Command(Request, new JsonObject
        {
            ["print"] = new JsonObject { ["sequence_id"] = "5", ["command"] = "gcode_file", ["param"] = param },
        }.ToJsonString());

        Assert.Equal("success", (string?)Ack(trip, "gcode_file")["result"]);
        Assert.Equal("PF-SD-3-1", Assert.Single(trip.Events).JobId);
        AssertAbout(750, SecondsToFinish(trip));
    }

    [Fact]
    public void Without_a_card_a_start_prints_for_the_default_time_as_before()
    {
        var trip = DialectRoundTrip.Bambu();
        trip.Command(Request, BambuCommands.PushAll(1));
        trip.Command(Request, BambuCommands.ProjectFile(new BambuProjectFileRequest { JobId = "PF-SD-4-1", FileName = "PF-SD-4-1.gcode.3mf" }, 2));
        Assert.Equal("success", (string?)Ack(trip, "project_file")["result"]);
        AssertAbout(DialectRoundTrip.PrintTime.TotalSeconds, SecondsToFinish(trip));
    }

    [Fact]
    public async Task The_manifest_names_the_ftps_port_and_the_fleet_creates_the_card_folder()
    {
        var root = Path.Combine(PrintFarm.Harness.TestFolders.Root, "simsdcard", Guid.NewGuid().ToString("N")[..12]);
        var options = new SimulatorOptions
        {
            Printers = 1, Dialect = PrinterDialect.Bambu, BambuPortBase = FreePort.Next(), FailureRate = 0,
            StateDirectory = Path.Combine(root, "sim"), BambuSdCard = Path.Combine(root, "card"), BambuFtpsPort = 39990,
        };
        await using var fleet = new SimulatedFleet(options, TimeProvider.System, NullLoggerFactory.Instance);
        Assert.True(Directory.Exists(Path.Combine(root, "card")));
        var written = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "sim", "fleet.json")))!;
        Assert.Equal(39990, (int?)written["printers"]![0]!["bambu"]!["ftpsPort"]);
        Assert.Null(fleet.FilesPort); // no OctoPrint or Moonraker printer: no HTTP server
        Assert.Equal(990, new SimulatorOptions().BambuFtpsPort);
    }
}
