using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet.Exceptions;
using PrintFarm.PrinterSimulator;
using PrintFarm.PrinterSimulator.Dialects;
using PrintFarm.Protocol;
using PrintFarm.Printers.Dialects;

namespace PrintFarm.Tests.SimulatorDialects;

/// <summary>
/// The simulator in each dialect over real networks: OctoPrint and Moonraker printers on a private
/// mosquitto, a Bambu printer as its own TLS broker. An outside client plays the farm with the
/// farm's adapters and command builders.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SimulatorDialectNetworkTests
{
    private static readonly TimeSpan PrintTime = TimeSpan.FromSeconds(3);

    private static string WorkDirectory(string name) => Path.Combine(
        PrintFarm.Harness.TestFolders.Root,
        "simdialects", $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);

    [Fact]
    public async Task OctoPrint_and_Moonraker_printers_publish_and_obey_through_mosquitto()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = WorkDirectory("broker");
        await using var broker = await PrivateMosquitto.StartAsync(root, cancellationToken: ct);
        Assert.True(DialectCount.TryParseMix("octoprint=1,moonraker=1", out var mix, out _));
        var fleet = new SimulatedFleet(new SimulatorOptions
        {
            Printers = 2, Dialects = mix, BrokerPort = broker.Port, DialectPrintTime = PrintTime, TelemetryHz = 5,
            FailureRate = 0, StateDirectory = Path.Combine(root, "sim"),
        }, TimeProvider.System, NullLoggerFactory.Instance);
        try
        {
            var octoAdapter = new OctoPrintAdapter("sim-001", "octoprint/sim-001/");
            var moonAdapter = new MoonrakerAdapter("sim-002", "sim-002");
            await using var octo = await DialectListener.ConnectAsync(broker.Port, [octoAdapter.SubscriptionFilter],
                (topic, payload) => octoAdapter.Handle(topic, payload, DateTimeOffset.UtcNow), ct);
            await using var moon = await DialectListener.ConnectAsync(broker.Port,
                [moonAdapter.ServerStatusTopic, moonAdapter.KlipperStatusTopic, MoonrakerCommands.ResponseTopic("sim-002")],
                (topic, payload) => topic.EndsWith("/api/response", StringComparison.Ordinal)
                    ? DialectUpdate.Empty
                    : moonAdapter.Handle(topic, payload, DateTimeOffset.UtcNow), ct);

            await fleet.StartAsync(ct);
            await octo.WaitUntilAsync(() => octo.Online == true && octo.Telemetry is not null, "OctoPrint online", ct);
            await moon.WaitUntilAsync(() => moon.Online == true && moon.Telemetry is not null, "Moonraker online", ct);
            Assert.Equal(PrinterActivity.Idle, octo.Telemetry!.Activity);
            Assert.Equal(PrinterActivity.Idle, moon.Telemetry!.Activity);

            // A job each, from start to finish.
            await octo.PublishAsync(OctoPrintCommands.SelectTopic("octoprint/sim-001/"), OctoPrintCommands.SelectAndPrint("PF-NET-1-1.gcode"), ct);
            await moon.PublishAsync(MoonrakerCommands.RequestTopic("sim-002"), MoonrakerCommands.Start(1, "PF-NET-2-1.gcode"), ct);
            await octo.WaitForEventAsync(e => e is { Type: PrinterEventType.JobFinished, JobId: "PF-NET-1-1" }, ct);
            await moon.WaitForEventAsync(e => e is { Type: PrinterEventType.JobFinished, JobId: "PF-NET-2-1" }, ct);
            Assert.Contains(octo.Events, e => e is { Type: PrinterEventType.JobStarted, JobId: "PF-NET-1-1" });
            Assert.Contains(moon.Events, e => e is { Type: PrinterEventType.JobStarted, JobId: "PF-NET-2-1" });
            Assert.Contains(moon.Received, m => m.Topic.EndsWith("/api/response", StringComparison.Ordinal)
                && MoonrakerResponse.Parse(System.Text.Encoding.UTF8.GetBytes(m.Payload)) is { Id: 1, Ok: true });

            // A second job each: paused, then cancelled, counted once as a cancel.
            await octo.PublishAsync(OctoPrintCommands.SelectTopic("octoprint/sim-001/"), OctoPrintCommands.SelectAndPrint("PF-NET-1-2.gcode"), ct);
            await moon.PublishAsync(MoonrakerCommands.RequestTopic("sim-002"), MoonrakerCommands.Start(2, "PF-NET-2-2.gcode"), ct);
            await octo.WaitForEventAsync(e => e is { Type: PrinterEventType.JobStarted, JobId: "PF-NET-1-2" }, ct);
            await moon.WaitForEventAsync(e => e is { Type: PrinterEventType.JobStarted, JobId: "PF-NET-2-2" }, ct);
            await octo.PublishAsync(OctoPrintCommands.JobTopic("octoprint/sim-001/"), OctoPrintCommands.Pause(), ct);
            await moon.PublishAsync(MoonrakerCommands.RequestTopic("sim-002"), MoonrakerCommands.Pause(3), ct);
            await octo.WaitForEventAsync(e => e is { Type: PrinterEventType.JobPaused, JobId: "PF-NET-1-2" }, ct);
            await moon.WaitForEventAsync(e => e is { Type: PrinterEventType.JobPaused, JobId: "PF-NET-2-2" }, ct);
            await octo.PublishAsync(OctoPrintCommands.JobTopic("octoprint/sim-001/"), OctoPrintCommands.Cancel(), ct);
            await moon.PublishAsync(MoonrakerCommands.RequestTopic("sim-002"), MoonrakerCommands.Cancel(4), ct);
            await octo.WaitForEventAsync(e => e is { Type: PrinterEventType.JobCancelled, JobId: "PF-NET-1-2" }, ct);
            await moon.WaitForEventAsync(e => e is { Type: PrinterEventType.JobCancelled, JobId: "PF-NET-2-2" }, ct);
            // No sleep: anything late would show once every event the printers made is at the broker
            // and each printer's next ticks (its temperatures, five times a second) have come in
            // after it, as a printer's messages arrive in the order it published them.
            await octo.WaitUntilAsync(() => fleet.PendingEvents == 0, "every event the printers made to reach the broker", ct);
            await Task.WhenAll(
                octo.WaitForMoreMessagesAsync(5, "OctoPrint's next messages", ct),
                moon.WaitForMoreMessagesAsync(5, "Moonraker's next messages", ct));
            Assert.Single(octo.Events, e => e.JobId == "PF-NET-1-2" && e.Type is PrinterEventType.JobCancelled or PrinterEventType.JobFailed);
            Assert.Single(moon.Events, e => e.JobId == "PF-NET-2-2" && e.Type is PrinterEventType.JobCancelled or PrinterEventType.JobFailed);
            Assert.Empty(octo.Errors);
            Assert.Empty(moon.Errors);

            // A clean shutdown says offline on the retained topics.
            await fleet.DisposeAsync();
            await octo.WaitUntilAsync(() => octo.Online == false, "OctoPrint offline", ct);
            await moon.WaitUntilAsync(() => moon.Online == false, "Moonraker offline", ct);
        }
        finally
        {
            await fleet.DisposeAsync();
        }
    }

    [Fact]
    public async Task Job_events_made_while_the_broker_is_down_are_delivered_when_it_is_back()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = WorkDirectory("restart");
        Directory.CreateDirectory(Path.Combine(root, "store"));
        // Persistence keeps the farm's session across the restart, so what the printer sends back is queued for it.
        await using var broker = await PrivateMosquitto.StartAsync(root,
            ["persistence true", $"persistence_location {Path.Combine(root, "store")}/"], ct);
        await using var fleet = new SimulatedFleet(new SimulatorOptions
        {
            Printers = 1, Dialect = PrinterDialect.OctoPrint, BrokerPort = broker.Port, DialectPrintTime = PrintTime, TelemetryHz = 5,
            FailureRate = 0, StateDirectory = Path.Combine(root, "sim"),
        }, TimeProvider.System, NullLoggerFactory.Instance);
        var adapter = new OctoPrintAdapter("sim-001", "octoprint/sim-001/");
        await using var farm = await DialectListener.ConnectAsync(broker.Port, [adapter.SubscriptionFilter],
            (topic, payload) => adapter.Handle(topic, payload, DateTimeOffset.UtcNow), ct, persistentSession: true);
        await fleet.StartAsync(ct);
        await farm.WaitUntilAsync(() => farm.Online == true && farm.Telemetry is not null, "OctoPrint online", ct);

        await farm.PublishAsync(OctoPrintCommands.SelectTopic("octoprint/sim-001/"), OctoPrintCommands.SelectAndPrint("PF-RST-1-1.gcode"), ct);
        await farm.WaitForEventAsync(e => e is { Type: PrinterEventType.JobStarted, JobId: "PF-RST-1-1" }, ct);
        await broker.StopAsync();

        // The print finishes with nobody listening; its events wait in the printer's outbox.
        await farm.WaitUntilAsync(() => fleet.Printers[0].CurrentJobId is null && fleet.PendingEvents > 0, "the job to finish offline", ct);
        Assert.DoesNotContain(farm.Events, e => e.Type == PrinterEventType.JobFinished);

        await broker.StartAgainAsync(ct);
        await farm.ReconnectAsync(ct);
        await farm.WaitForEventAsync(e => e is { Type: PrinterEventType.JobFinished, JobId: "PF-RST-1-1" }, ct);
        await farm.WaitUntilAsync(() => fleet.PendingEvents == 0, "the outbox to empty", ct);
        Assert.Single(farm.Events, e => e.Type == PrinterEventType.JobFinished);
    }

    [Fact]
    public async Task A_Bambu_printer_is_its_own_TLS_broker_with_a_pinned_CA_and_obeys_the_farm()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = WorkDirectory("bambu");
        var port = FreePort.Next();
        await using var fleet = new SimulatedFleet(new SimulatorOptions
        {
            Printers = 1, Dialect = PrinterDialect.Bambu, BambuPortBase = port, BambuAccessCode = "31415926",
            DialectPrintTime = PrintTime, TelemetryHz = 5, FailureRate = 0, StateDirectory = Path.Combine(root, "sim"),
        }, TimeProvider.System, NullLoggerFactory.Instance);
        await fleet.StartAsync(ct);
        await fleet.WaitUntilOnlineAsync(ct);

        var entry = Assert.Single(fleet.Manifest);
        Assert.Equal((PrinterDialect.Bambu, port, "sim-001", "31415926"), (entry.Dialect, entry.Bambu!.Port, entry.Bambu.Serial, entry.Bambu.AccessCode));
        var written = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(root, "sim", "fleet.json"), ct))!;
        Assert.Equal("bambu", (string?)written["printers"]![0]!["dialect"]);
        Assert.Equal(fleet.BambuAuthorityPath, (string?)written["printers"]![0]!["bambu"]!["caCertificate"]);
        // It holds the access code: readable by its owner only.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(root, "sim", "fleet.json")));
        using var authority = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(fleet.BambuAuthorityPath!, ct));

        var adapter = new BambuAdapter("sim-001");
        await using (var farm = await DialectListener.ConnectAsync(DialectListener.BambuOptions(port, "sim-001", "31415926", authority),
            ["device/sim-001/report"], (_, payload) => adapter.Report(payload, DateTimeOffset.UtcNow), ct))
        {
            await farm.PublishAsync("device/sim-001/request", BambuCommands.PushAll(1), ct);
            await farm.WaitUntilAsync(() => farm.Telemetry is { Activity: PrinterActivity.Idle }, "a full report", ct);
            await farm.PublishAsync("device/sim-001/request",
                BambuCommands.ProjectFile(new BambuProjectFileRequest { JobId = "PF-TLS-1-1", FileName = "PF-TLS-1-1.3mf" }, 2), ct);
            await farm.WaitForEventAsync(e => e is { Type: PrinterEventType.JobFinished, JobId: "PF-TLS-1-1" }, ct);
            Assert.Contains(farm.Events, e => e is { Type: PrinterEventType.JobStarted, JobId: "PF-TLS-1-1" });
            Assert.Contains(farm.Received, m => m.Payload.Contains("\"msg\":1", StringComparison.Ordinal)); // partial reports
            Assert.Empty(farm.Errors);
        }

        // The wrong access code, a different CA, or a certificate that names another serial: refused.
        await Assert.ThrowsAnyAsync<MqttCommunicationException>(() =>
            DialectListener.ConnectAsync(DialectListener.BambuOptions(port, "sim-001", "00000000", authority), ["#"], (_, _) => DialectUpdate.Empty, ct));
        using var stranger = BambuCertificates.LoadOrCreateAuthority(Path.Combine(root, "stranger"));
        await Assert.ThrowsAnyAsync<Exception>(() =>
            DialectListener.ConnectAsync(DialectListener.BambuOptions(port, "sim-001", "31415926", stranger), ["#"], (_, _) => DialectUpdate.Empty, ct));
        await Assert.ThrowsAnyAsync<Exception>(() =>
            DialectListener.ConnectAsync(DialectListener.BambuOptions(port, "sim-999", "31415926", authority), ["#"], (_, _) => DialectUpdate.Empty, ct));

        // An outside TLS client (mosquitto_sub) accepts the chain from the CA file alone.
        using var sub = Process.Start(new ProcessStartInfo("mosquitto_sub",
            ["-h", "127.0.0.1", "-p", $"{port}", "--cafile", fleet.BambuAuthorityPath!, "--insecure", "-u", "bblp", "-P", "31415926",
             "-i", "outside-" + Guid.NewGuid().ToString("N")[..6], "-t", "device/sim-001/report", "-C", "1", "-W", "15"])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var line = await sub.StandardOutput.ReadToEndAsync(ct);
        await sub.WaitForExitAsync(ct);
        Assert.True(sub.ExitCode == 0, await sub.StandardError.ReadToEndAsync(ct));
        Assert.Contains("push_status", line);
    }
}
