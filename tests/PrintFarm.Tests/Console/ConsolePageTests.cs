using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PrintFarm.Tests.Browser;
using PrintFarm.Tests.EndToEnd;
using static Microsoft.Playwright.Assertions;

namespace PrintFarm.Tests.Console;

/// <summary>
/// The operator console in a real browser (Debian's chromium through Playwright) against a whole
/// farm in the process. Screenshots at phone and desktop width go to .farm/test/.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ConsolePageTests(ConsoleFarm farm) : IClassFixture<ConsoleFarm>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly BrowserNewContextOptions Phone = new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 1 };
    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new() { Width = 1440, Height = 900 } };

    private static string Order(string material, string name = "Ada") => """
        {
          "customer": {"name": "NAME", "email": "ada@example.com"},
          "items": [{"design": "bracket-v4", "material": "MATERIAL", "quantity": 1, "estimatedPrintSeconds": 4}],
          "shipping": {"method": "standard", "address": {"name": "NAME", "street1": "1 Rue X", "city": "Paris", "postalCode": "75001", "country": "FR"}}
        }
        """.Replace("NAME", name).Replace("MATERIAL", material);

    private async Task<string> Place(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var placed = await farm.Farm.Http.PostAsync("/api/orders", content);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        return (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
    }

    private async Task<JsonElement> Job(string jobId) => await farm.Farm.Get<JsonElement>($"/api/jobs/{jobId}");

    [Fact]
    public async Task A_printer_that_starts_printing_changes_its_tile_without_a_reload()
    {
        await using var context = await farm.Browser.NewContextAsync(Desktop);
        var page = await farm.SignedIn(context, ConsoleFarm.OperatorLogin, "/console/fleet");
        var tile = page.Locator($"#printer-{ConsoleFarm.PrinterId}");
        await Expect(tile).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        await Expect(page.Locator("nav[aria-label=Console]")).ToBeVisibleAsync();
        // A mark on this document: a reload would lose it.
        await page.EvaluateAsync("() => window.notReloaded = true");

        var reference = await Place(Order("PLA"));
        await Expect(tile).ToHaveAttributeAsync("data-state", "printing", new() { Timeout = 60_000 });
        await Expect(tile.Locator(".job")).ToContainTextAsync(reference);
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(TrackingFarm.ScreenshotFolder, "console-fleet-desktop.png"), FullPage = true });

        await using var phone = await farm.Browser.NewContextAsync(Phone);
        var small = await farm.SignedIn(phone, ConsoleFarm.ViewerLogin, "/console/fleet");
        await Expect(small.Locator($"#printer-{ConsoleFarm.PrinterId}")).ToBeVisibleAsync();
        await small.ScreenshotAsync(new() { Path = Path.Combine(TrackingFarm.ScreenshotFolder, "console-fleet-phone.png"), FullPage = true });
        // Nothing wider than the phone: no sideways scrolling.
        Assert.True(await small.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"));
    }
}
