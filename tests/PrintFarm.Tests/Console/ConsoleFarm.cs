using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using PrintFarm.PrinterSimulator;
using PrintFarm.Tests.Browser;
using PrintFarm.Tests.EndToEnd;
using static Microsoft.Playwright.Assertions;

namespace PrintFarm.Tests.Console;

/// <summary>
/// One farm and one browser for the console tests: a whole farm in the process where every part
/// waits for an operator's quality check (so jobs stop where a person is needed), four PLA and two
/// ASA printers that never fail, no PETG printer (PETG orders wait in the queue), and an operator and a
/// viewer who sign in with passwords.
/// </summary>
public sealed class ConsoleFarm : IAsyncLifetime
{
    public const string Password = "console test password";
    public const string OperatorLogin = "olga@farm.example";
    public const string ViewerLogin = "victor@farm.example";

    private SimulatedFleet? _printers, _asa;
    private IPlaywright? _playwright;

    public FarmHost Farm { get; } = new(
        // Every test signs in anew, all from this one address: more than the default ten a minute.
        settings: new Dictionary<string, string?> { ["Jobs:QualityCheckMode"] = "Operator", ["Access:SignInsPerMinutePerAddress"] = "200" },
        printers: [.. FarmHost.Fleet("pla-", 4), .. FarmHost.Fleet("asa-", 2)]);
    public IBrowser Browser { get; private set; } = null!;
    public Uri Gateway => Farm.Http.BaseAddress!;
    public const string PrinterId = "pla-001";

    public async ValueTask InitializeAsync()
    {
        await Farm.Start();
        foreach (var (login, role) in new[] { (OperatorLogin, "Operator"), (ViewerLogin, "Viewer") })
        {
            var created = await Farm.Http.PostAsJsonAsync("/api/accounts", new { login, role, name = role + " " + login[..5], password = Password });
            created.EnsureSuccessStatusCode();
        }
        _printers = new SimulatedFleet(
            new SimulatorOptions { Printers = 4, BrokerPort = Farm.MqttPort, FailureRate = 0, Seed = 7, TelemetryHz = 2, IdPrefix = "pla-", Materials = ["PLA"], Logins = Farm.Logins },
            TimeProvider.System, NullLoggerFactory.Instance);
        _asa = new SimulatedFleet(
            new SimulatorOptions { Printers = 2, BrokerPort = Farm.MqttPort, FailureRate = 0, Seed = 8, TelemetryHz = 1, IdPrefix = "asa-", Materials = ["ASA"], Logins = Farm.Logins },
            TimeProvider.System, NullLoggerFactory.Instance);
        await _printers.StartAsync(CancellationToken.None);
        await _asa.StartAsync(CancellationToken.None);
        _playwright = await Playwright.CreateAsync();
        Browser = await DebianChromium.Launch(_playwright);
    }

    /// <summary>A browser signed in as <paramref name="login"/> through the sign-in form, on <paramref name="path"/>.</summary>
    public async Task<IPage> SignedIn(IBrowserContext context, string login, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Gateway, path).ToString());
        // Not signed in: the console sends the browser to the sign-in form, and back after it.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await page.GetByLabel("Login").FillAsync(login);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(path.Split('?')[0])));
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_printers is not null) await _printers.DisposeAsync();
        if (_asa is not null) await _asa.DisposeAsync();
        await Farm.DisposeAsync();
    }
}
