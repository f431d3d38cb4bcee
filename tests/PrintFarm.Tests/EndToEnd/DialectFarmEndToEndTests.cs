using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PrintFarm.PrinterSimulator;
using PrintFarm.PrinterSimulator.Dialects;

namespace PrintFarm.Tests.EndToEnd;

/// <summary>
/// A whole farm driving simulated printers that speak a real printer's dialect: registered from
/// the simulator's fleet.json (Fleet:PrintersFile), OctoPrint and Moonraker on the farm's broker,
/// Bambu on its own TLS broker with its CA pinned. An order goes from queued to ready to ship.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class DialectFarmEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [Theory]
    [InlineData(PrinterDialect.Bambu)]
    [InlineData(PrinterDialect.OctoPrint)]
    [InlineData(PrinterDialect.Moonraker)]
    public async Task A_printer_speaking_its_own_dialect_prints_an_order_through_the_farm(PrinterDialect dialect)
    {
        var ct = TestContext.Current.CancellationToken;
        var root = Path.Combine(PrintFarm.Harness.TestFolders.Root,
            "simdialects", $"e2e-{dialect.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..28]);
        var mqttPort = FreePort.Next();
        // The farm's broker lets the OctoPrint and Moonraker printers in with the login it seeds from this file.
        // Built first: it writes fleet.json, which the silo reads at start to register the printer.
        await using var farm = new FarmHost(printers: FarmHost.Fleet("e2e-", 1), settings: new Dictionary<string, string?>
        {
            ["Mqtt:Port"] = mqttPort.ToString(),
            ["Fleet:PrintersFile"] = Path.Combine(root, "sim", "fleet.json"),
        });
        await using var fleet = new SimulatedFleet(new SimulatorOptions
        {
            Printers = 1, Dialect = dialect, BrokerPort = mqttPort, BambuPortBase = FreePort.Next(), FailureRate = 0, Seed = 7,
            TelemetryHz = 2, IdPrefix = "e2e-", Materials = ["PLA"], DialectPrintTime = TimeSpan.FromSeconds(3),
            StateDirectory = Path.Combine(root, "sim"), Logins = farm.Logins,
        }, TimeProvider.System, NullLoggerFactory.Instance);
        await farm.Start();
        await fleet.StartAsync(ct);

        await Eventually.Get(() => farm.Get<JsonElement>("/api/printers"),
            p => p.EnumerateArray().Any(x => Text(x, "printerId") == "e2e-001" && Text(x, "connectivity") == "Online" && Text(x, "activity") == "Idle"),
            Patience, $"the {dialect} printer online and idle");

        var placed = await farm.Http.PostAsync("/api/orders", new StringContent(ApiModels.ValidOrder, Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var reference = JsonDocument.Parse(await placed.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("reference").GetString()!;

        var ready = await Eventually.Get(() => farm.Get<JsonElement>($"/api/orders/{reference}"),
            o => o.Status() == "ReadyToShip", Patience, $"order {reference} printed by the {dialect} printer");
        var jobs = ready.GetProperty("items")[0].GetProperty("jobs").EnumerateArray().ToList();
        Assert.Equal(2, jobs.Count); // two copies, one after the other on the one printer
        Assert.All(jobs, j =>
        {
            Assert.Equal("Done", j.GetProperty("status").GetString());
            Assert.Equal("e2e-001", j.GetProperty("printerId").GetString());
        });
        Assert.Contains("Printing", ready.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("status").GetString()));
    }
}
