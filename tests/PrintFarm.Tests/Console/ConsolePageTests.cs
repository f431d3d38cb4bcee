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

    private static string Order(string material, string name = "Ada", int seconds = 4) => """
        {
          "customer": {"name": "NAME", "email": "ada@example.com"},
          "items": [{"design": "bracket-v4", "material": "MATERIAL", "quantity": 1, "estimatedPrintSeconds": SECONDS}],
          "shipping": {"method": "standard", "address": {"name": "NAME", "street1": "1 Rue X", "city": "Paris", "postalCode": "75001", "country": "FR"}}
        }
        """.Replace("NAME", name).Replace("MATERIAL", material).Replace("SECONDS", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

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
        await Expect(page.Locator(".tile")).ToHaveCountAsync(6, new() { Timeout = 30_000 });
        await Expect(page.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        await Expect(page.Locator("nav[aria-label=Console]")).ToBeVisibleAsync();
        // A mark on this document: a reload would lose it.
        await page.EvaluateAsync("() => window.notReloaded = true");

        // A print long enough that its tile is seen printing, however the second-long batches fall.
        var reference = await Place(Order("PLA", seconds: 30));
        // Whichever PLA printer takes it, its tile turns to printing and names the order.
        var tile = page.Locator(".tile[data-state=printing]", new() { HasText = reference });
        await Expect(tile).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Expect(tile.Locator(".job")).ToContainTextAsync(reference);
        await Expect(page.Locator("#fleet-counters .count[data-state=printing] strong")).Not.ToHaveTextAsync("0");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(TrackingFarm.ScreenshotFolder, "console-fleet-desktop.png"), FullPage = true });

        await using var phone = await farm.Browser.NewContextAsync(Phone);
        var small = await farm.SignedIn(phone, ConsoleFarm.ViewerLogin, "/console/fleet");
        await Expect(small.Locator($"#printer-{ConsoleFarm.PrinterId}")).ToBeVisibleAsync();
        await Expect(small.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await small.ScreenshotAsync(new() { Path = Path.Combine(TrackingFarm.ScreenshotFolder, "console-fleet-phone.png"), FullPage = true });
        // Nothing wider than the phone: no sideways scrolling.
        Assert.True(await small.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"));
    }

    /// <summary>Waits until the order's one job waits for its quality check (every part does in this farm).</summary>
    private async Task<string> AtQualityCheck(string reference)
    {
        var jobId = reference + "-1-1";
        await Eventually.Get(() => Job(jobId), j => j.GetProperty("status").GetString() == "QualityCheck", Patience, $"{jobId} at its quality check");
        return jobId;
    }

    [Fact]
    public async Task An_operator_ships_an_order_from_the_console_and_the_customers_open_tracking_page_shows_it()
    {
        var reference = await Place(Order("PLA", "Linus"));
        var jobId = await AtQualityCheck(reference);

        await using var shop = await farm.Browser.NewContextAsync(Desktop);
        var console = await farm.SignedIn(shop, ConsoleFarm.OperatorLogin, "/console/work");
        var card = console.Locator($"#work-{jobId}");
        await card.GetByRole(AriaRole.Button, new() { Name = "Pass" }).ClickAsync();
        await Expect(console.Locator(".notice")).ToContainTextAsync($"{jobId} passed");
        await Eventually.Get(() => farm.Farm.Get<JsonElement>($"/api/orders/{reference}"), o => o.GetProperty("status").GetString() == "ReadyToShip", Patience, $"{reference} ready to ship");

        // The customer's page is open before the shipment; it must change by itself.
        await using var customer = await farm.Browser.NewContextAsync(Phone);
        var tracking = await customer.NewPageAsync();
        await tracking.GotoAsync(new Uri(farm.Gateway, $"/tracking/{reference}").ToString());
        await Expect(tracking.Locator("#live")).ToContainTextAsync("Live", new() { Timeout = 30_000 });
        await tracking.EvaluateAsync("() => window.notReloaded = true");

        await console.GotoAsync(new Uri(farm.Gateway, $"/console/orders/{reference}").ToString());
        await Expect(console.Locator("#order-facts")).ToContainTextAsync("ready to ship");
        var ship = console.Locator("form.act", new() { Has = console.GetByRole(AriaRole.Button, new() { Name = "Ship" }) });
        await ship.GetByLabel("Carrier").FillAsync("DHL");
        await ship.GetByLabel("Tracking number").FillAsync("JD0146000123");
        await ship.GetByLabel("Message").FillAsync("On its way, thank you!");
        await console.ScreenshotAsync(new() { Path = Path.Combine(TrackingFarm.ScreenshotFolder, "console-order-desktop.png"), FullPage = true });
        await ship.GetByRole(AriaRole.Button, new() { Name = "Ship" }).ClickAsync();
        await Expect(console.Locator(".notice")).ToContainTextAsync("shipped with DHL");
        await Expect(console.Locator("#order-facts")).ToContainTextAsync("shipped");

        await Expect(tracking.Locator(".tracking-number")).ToHaveTextAsync("JD0146000123", new() { Timeout = 30_000 });
        await Expect(tracking.Locator("#order")).ToContainTextAsync("On its way, thank you!");
        Assert.True(await tracking.EvaluateAsync<bool>("() => window.notReloaded === true"));
    }

    [Fact]
    public async Task A_viewer_sees_the_moves_disabled_and_posting_one_anyway_is_refused()
    {
        var reference = await Place(Order("PETG", "Grace")); // no PETG printer: it waits in the queue
        await using var context = await farm.Browser.NewContextAsync(Desktop);
        var page = await farm.SignedIn(context, ConsoleFarm.ViewerLogin, $"/console/orders/{reference}");
        await Expect(page.Locator(".readonly").First).ToContainTextAsync("viewer");
        var cancel = page.GetByRole(AriaRole.Button, new() { Name = "Cancel the order" });
        await Expect(cancel).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Hold" })).ToBeDisabledAsync();

        // The form posted anyway, with the viewer's own cookie and a valid form token: 403, and nothing moved.
        var form = page.Locator("form.act", new() { Has = cancel });
        var tokenField = form.Locator("input[type=hidden]").First;
        var name = await tokenField.GetAttributeAsync("name");
        var token = await tokenField.GetAttributeAsync("value");
        var posted = await page.APIRequest.PostAsync(new Uri(farm.Gateway, $"/console/orders/{reference}/cancel").ToString(), new()
        {
            Form = context.APIRequest.CreateFormData().Set(name!, token!).Set("returnTo", $"/console/orders/{reference}"),
            MaxRedirects = 0,
        });
        Assert.Equal(403, posted.Status);
        var order = await farm.Farm.Get<JsonElement>($"/api/orders/{reference}");
        Assert.Equal("Queued", order.GetProperty("status").GetString());

        // An operator's post of the same form without its token is refused too (antiforgery).
        await using var other = await farm.Browser.NewContextAsync(Desktop);
        var operatorPage = await farm.SignedIn(other, ConsoleFarm.OperatorLogin, $"/console/orders/{reference}");
        var forged = await operatorPage.APIRequest.PostAsync(new Uri(farm.Gateway, $"/console/orders/{reference}/cancel").ToString(), new()
        {
            Form = other.APIRequest.CreateFormData().Set("returnTo", $"/console/orders/{reference}"),
            MaxRedirects = 0,
        });
        Assert.Equal(400, forged.Status);
        Assert.Equal("Queued", (await farm.Farm.Get<JsonElement>($"/api/orders/{reference}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_failed_quality_check_from_the_console_prints_the_part_again_and_the_tracking_page_shows_the_problem()
    {
        var reference = await Place(Order("PLA", "Ada"));
        var jobId = await AtQualityCheck(reference);
        await using var customer = await farm.Browser.NewContextAsync(Phone);
        var tracking = await customer.NewPageAsync();
        await tracking.GotoAsync(new Uri(farm.Gateway, $"/tracking/{reference}").ToString());
        await Expect(tracking.Locator("#live")).ToContainTextAsync("Live", new() { Timeout = 30_000 });

        await using var shop = await farm.Browser.NewContextAsync(Phone);
        var console = await farm.SignedIn(shop, ConsoleFarm.OperatorLogin, "/console/work");
        var card = console.Locator($"#work-{jobId}");
        await card.GetByLabel($"Why {jobId} failed").FillAsync("layer shift at 12 mm");
        await console.ScreenshotAsync(new() { Path = Path.Combine(TrackingFarm.ScreenshotFolder, "console-work-phone.png"), FullPage = true });
        await card.GetByRole(AriaRole.Button, new() { Name = "Fail" }).ClickAsync();
        await Expect(console.Locator(".notice")).ToContainTextAsync("printed again");

        await Expect(tracking.Locator("#item-0 .problem")).ToContainTextAsync("layer shift at 12 mm", new() { Timeout = 30_000 });
        // The part is printed again: a second attempt of the same job.
        await Eventually.Get(() => Job(jobId), j => j.GetProperty("attempt").GetInt32() == 2, Patience, $"{jobId} on its second attempt");
    }

    [Fact]
    public async Task Signing_out_ends_the_stream_of_every_open_console_page()
    {
        await using var context = await farm.Browser.NewContextAsync(Desktop);
        var fleet = await farm.SignedIn(context, ConsoleFarm.OperatorLogin, "/console/fleet");
        await Expect(fleet.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        var other = await context.NewPageAsync();
        await other.GotoAsync(new Uri(farm.Gateway, "/console/work").ToString());
        await Expect(other.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });

        await other.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(other).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        // The page still open in the first tab hears the end and stops.
        await Expect(fleet.Locator("#live")).ToHaveAttributeAsync("data-state", "off", new() { Timeout = 15_000 });
        await Expect(fleet.Locator("#live")).ToContainTextAsync("Signed out");
        // And the stream is not to be had again without signing in.
        var again = await fleet.APIRequest.GetAsync(new Uri(farm.Gateway, "/console/live/fleet").ToString(), new() { MaxRedirects = 0 });
        Assert.Equal(302, again.Status);
    }
}
