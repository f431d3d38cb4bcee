using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using PrintFarm.PrinterSimulator;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Browser;

/// <summary>
/// One farm and one browser for the tracking page tests: a whole farm in the process, with a
/// simulated PLA printer that fails every print (so a problem shows beside its item), an ASA
/// printer that never fails (so an order goes all the way to ready to ship), and no PETG printer
/// (so PETG orders wait in the queue and stay put while a test steers them).
/// </summary>
public sealed class TrackingFarm : IAsyncLifetime
{
    private SimulatedFleet? _failing, _reliable;
    private IPlaywright? _playwright;

    public FarmHost Farm { get; } = new(printers: [.. FarmHost.Fleet("failing-", 1), .. FarmHost.Fleet("reliable-", 1)]);
    public IBrowser Browser { get; private set; } = null!;
    public Uri Gateway => Farm.Http.BaseAddress!;

    /// <summary>Where screenshots go: .farm/test/ under ./farm test.</summary>
    public static string ScreenshotFolder =>
        PrintFarm.Harness.TestFolders.Root;

    public async ValueTask InitializeAsync()
    {
        await Farm.Start();
        _failing = new SimulatedFleet(
            new SimulatorOptions { Printers = 1, BrokerPort = Farm.MqttPort, FailureRate = 1, Seed = 3, TelemetryHz = 2, IdPrefix = "failing-", Materials = ["PLA"], Logins = Farm.Logins },
            TimeProvider.System, NullLoggerFactory.Instance);
        _reliable = new SimulatedFleet(
            new SimulatorOptions { Printers = 1, BrokerPort = Farm.MqttPort, FailureRate = 0, Seed = 4, TelemetryHz = 2, IdPrefix = "reliable-", Materials = ["ASA"], Logins = Farm.Logins },
            TimeProvider.System, NullLoggerFactory.Instance);
        await _failing.StartAsync(CancellationToken.None);
        await _reliable.StartAsync(CancellationToken.None);
        _playwright = await Playwright.CreateAsync();
        Browser = await DebianChromium.Launch(_playwright);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_failing is not null) await _failing.DisposeAsync();
        if (_reliable is not null) await _reliable.DisposeAsync();
        await Farm.DisposeAsync();
    }
}
