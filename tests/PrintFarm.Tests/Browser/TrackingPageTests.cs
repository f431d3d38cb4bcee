using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using PrintFarm.Tests.EndToEnd;
using static Microsoft.Playwright.Assertions;

namespace PrintFarm.Tests.Browser;

/// <summary>
/// The customer's tracking page in a real browser (Debian's chromium through Playwright), against
/// a whole farm in the process. Screenshots go to .farm/test/ so a person can look at them.
/// </summary>
[Trait("Category", "Browser")]
public sealed class TrackingPageTests(TrackingFarm farm) : IClassFixture<TrackingFarm>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly BrowserNewContextOptions Phone = new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 1 };
    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new() { Width = 1280, Height = 900 } };

    /// <summary>PLA reaches the failing printer; PETG has no printer and waits.</summary>
    private const string TwoItemOrder = """
        {
          "customer": {"name": "Ada", "email": "ada@example.com"},
          "items": [
            {"design": "bracket-v4", "material": "PLA", "quantity": 2, "estimatedPrintSeconds": 2},
            {"design": "gear-housing", "material": "PETG", "quantity": 1, "estimatedPrintSeconds": 2}
          ],
          "shipping": {"method": "standard", "address": {"name": "Ada", "street1": "1 Rue X", "city": "Paris", "postalCode": "75001", "country": "FR"}}
        }
        """;

    /// <summary>ASA goes to the reliable printer: printed, finished, checked, ready to ship.</summary>
    private const string ReliableOrder = """
        {
          "customer": {"name": "Linus", "email": "linus@example.com"},
          "items": [{"design": "drone-arm", "material": "ASA", "quantity": 2, "estimatedPrintSeconds": 3}],
          "shipping": {"method": "standard", "address": {"name": "Linus", "street1": "4 Main St", "city": "Espoo", "postalCode": "02100", "country": "FI"}}
        }
        """;

    private const string WaitingOrder = """
        {
          "customer": {"name": "Grace", "email": "grace@example.com"},
          "items": [{"design": "lamp-shade", "material": "PETG", "quantity": 1, "estimatedPrintSeconds": 2}],
          "shipping": {"method": "express", "address": {"name": "Grace", "street1": "9 Harbour Rd", "city": "Cork", "postalCode": "T12", "country": "IE"}}
        }
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_page_shows_the_order_its_stage_its_items_and_a_problem_beside_its_item()
    {
        var reference = await Place(TwoItemOrder);
        // The PLA printer fails every print: wait until the farm says so on the item.
        await Eventually.Get(() => farm.Farm.Get<JsonElement>($"/api/orders/{reference}"),
            o => o.GetProperty("items")[0].TryGetProperty("problem", out var p) && p.ValueKind == JsonValueKind.String,
            Patience, $"a problem on the first item of {reference}");

        foreach (var (name, device) in new[] { ("phone", Phone), ("desktop", Desktop) })
        {
            await using var context = await farm.Browser.NewContextAsync(device);
            var page = await context.NewPageAsync();
            var response = await page.GotoAsync(TrackingUrl(reference));
            Assert.Equal(200, response!.Status);

            await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(reference));
            await Expect(page.Locator(".reference")).ToContainTextAsync(reference);
            await Expect(page.Locator("h1")).ToHaveTextAsync("Your order is waiting for a printer");
            await Expect(page.Locator(".stages [aria-current=step]")).ToContainTextAsync("Queued");
            await Expect(page.Locator(".stages li")).ToHaveCountAsync(8); // Received → Delivered, no review

            var bracket = page.Locator("#item-0");
            await Expect(bracket.Locator("h3")).ToHaveTextAsync("bracket-v4");
            await Expect(bracket.Locator(".item-spec")).ToContainTextAsync("PLA");
            await Expect(bracket.Locator(".item-spec")).ToContainTextAsync("2 copies");
            await Expect(bracket.Locator(".problem")).ToContainTextAsync("print failed");
            var gear = page.Locator("#item-1");
            await Expect(gear.Locator("h3")).ToHaveTextAsync("gear-housing");
            await Expect(gear.Locator(".item-spec")).ToContainTextAsync("PETG");
            await Expect(gear.Locator(".badge")).ToHaveTextAsync("Waiting for a printer");
            await Expect(gear.Locator(".problem")).ToHaveCountAsync(0);

            // Never the customer's email or street address: the reference is the only key.
            var text = await page.Locator("body").InnerTextAsync();
            Assert.DoesNotContain("ada@example.com", text);
            Assert.DoesNotContain("1 Rue X", text);

            await page.ScreenshotAsync(new() { Path = Screenshot($"tracking-{name}.png"), FullPage = true });
        }
    }

    [Fact]
    public async Task The_page_follows_the_order_without_a_reload()
    {
        var reference = await Place(WaitingOrder);

        await using var context = await farm.Browser.NewContextAsync(Desktop);
        var page = await context.NewPageAsync();
        await page.GotoAsync(TrackingUrl(reference));
        await Expect(page.Locator("#live")).ToContainTextAsync("Live", new() { Timeout = 15_000 });
        await Expect(page.Locator(".stages [aria-current=step]")).ToContainTextAsync("Queued");
        // A mark that a reload would wipe out.
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        const string message = "We are checking the wall thickness of your lamp shade and will write to you today.";
        var hold = await farm.Farm.Http.PostAsJsonAsync($"/api/orders/{reference}/status", new { status = "OnHold", message }, Cancel);
        Assert.True(hold.IsSuccessStatusCode, $"POST status OnHold answered {(int)hold.StatusCode}: {await hold.Content.ReadAsStringAsync(Cancel)}");

        var live = new LocatorAssertionsToContainTextOptions { Timeout = 15_000 };
        await Expect(page.Locator(".banner")).ToContainTextAsync("On hold", live);
        await Expect(page.Locator(".note")).ToContainTextAsync(message, live);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your order is on hold", new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "the page reloaded instead of updating in place");
        await page.ScreenshotAsync(new() { Path = Screenshot("tracking-on-hold.png"), FullPage = true });

        var cancel = await farm.Farm.Http.PostAsync($"/api/orders/{reference}/cancel", null, Cancel);
        Assert.True(cancel.IsSuccessStatusCode, $"POST cancel answered {(int)cancel.StatusCode}: {await cancel.Content.ReadAsStringAsync(Cancel)}");
        await Expect(page.Locator(".banner")).ToContainTextAsync("Cancelled", live);
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "the page reloaded instead of updating in place");
    }

    [Fact]
    public async Task The_thread_shows_live_and_the_customer_replies_through_the_link_in_its_email()
    {
        var reference = await Place(WaitingOrder);
        await using var context = await farm.Browser.NewContextAsync(Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync(TrackingUrl(reference));
        await Expect(page.Locator("#live")).ToContainTextAsync("Live", new() { Timeout = 15_000 });
        await Expect(page.Locator("#reply-text")).ToHaveCountAsync(0); // no reply form without the email's link
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        const string question = "Would you like the lamp shade in frosted PETG instead of clear?";
        var asked = await farm.Farm.Http.PostAsJsonAsync($"/api/orders/{reference}/messages", new { text = question }, Cancel);
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        await Expect(page.Locator("#messages")).ToContainTextAsync(question, new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "the page reloaded instead of updating in place");

        // The customer's email of the question links back to the page with its reply form.
        var mailFolder = farm.Farm.DatabasePath + ".mail";
        var link = await Eventually.Get(() => Task.FromResult(Directory.Exists(mailFolder)
                ? Directory.EnumerateFiles(mailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Where(m => (m.TextBody ?? "").Contains(question))
                    .Select(m => System.Text.RegularExpressions.Regex.Match(m.TextBody!, @"http://\S+\?reply=\S+#messages").Value).FirstOrDefault(l => l.Length > 0)
                : null), l => l is not null, Patience, "the customer's email with the reply link");
        var replyAt = new Uri(new Uri(TrackingUrl(reference)), new Uri(link!).PathAndQuery).AbsoluteUri;
        await page.GotoAsync(replyAt);
        await page.Locator("#reply-text").FillAsync("Frosted, please. Here is the room it goes in.");
        await page.Locator("#reply-files").SetInputFilesAsync(new FilePayload
        {
            Name = "room.png",
            MimeType = "image/png",
            Buffer = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator(".reply-posted")).ToContainTextAsync("sent to the shop", new() { Timeout = 15_000 });
        await Expect(page.Locator("#messages")).ToContainTextAsync("Frosted, please.");
        await Expect(page.Locator("#messages a", new() { HasText = "room.png" })).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Screenshot("tracking-thread.png"), FullPage = true });
        var thread = await farm.Farm.Get<JsonElement>($"/api/orders/{reference}/messages");
        Assert.Equal(["shop", "customer"], thread.EnumerateArray().Select(m => m.GetProperty("from").GetString()));
    }

    [Fact]
    public async Task The_page_follows_the_printers_and_the_parcel_without_a_reload()
    {
        var reference = await Place(ReliableOrder);
        await using var context = await farm.Browser.NewContextAsync(Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync(TrackingUrl(reference));
        await Expect(page.Locator("#live")).ToContainTextAsync("Live", new() { Timeout = 15_000 });
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        // Printers, post-processing and quality check move the order; the page follows by itself.
        var stage = page.Locator(".stages [aria-current=step]");
        await Expect(stage).ToContainTextAsync("Ready to ship", new() { Timeout = 60_000 });
        await Expect(page.Locator("#item-0 .badge")).ToHaveTextAsync("Ready");
        await Expect(page.Locator(".stages .stage-done")).ToHaveCountAsync(5); // Received, Queued, Printing, Post-processing, Quality check
        await Expect(page.Locator(".history")).ToContainTextAsync("Printing");

        var ship = await farm.Farm.Http.PostAsJsonAsync($"/api/orders/{reference}/shipment",
            new { carrier = "DHL", trackingNumber = "JD014600006281230704" }, Cancel);
        Assert.True(ship.IsSuccessStatusCode, $"POST shipment answered {(int)ship.StatusCode}: {await ship.Content.ReadAsStringAsync(Cancel)}");
        var live = new LocatorAssertionsToContainTextOptions { Timeout = 15_000 };
        await Expect(stage).ToContainTextAsync("Shipped", live);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your order is on its way");
        await Expect(page.Locator(".parcel")).ToContainTextAsync("DHL");
        await Expect(page.Locator(".parcel")).ToContainTextAsync("JD014600006281230704");
        var carrierLink = await page.Locator(".parcel a.carrier-link").GetAttributeAsync("href");
        Assert.StartsWith("https://www.dhl.com/", carrierLink);
        Assert.Contains("JD014600006281230704", carrierLink);
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "the page reloaded instead of updating in place");
        await page.ScreenshotAsync(new() { Path = Screenshot("tracking-shipped-phone.png"), FullPage = true });

        var delivered = await farm.Farm.Http.PostAsJsonAsync($"/api/orders/{reference}/status", new { status = "Delivered" }, Cancel);
        Assert.True(delivered.IsSuccessStatusCode, $"POST status Delivered answered {(int)delivered.StatusCode}: {await delivered.Content.ReadAsStringAsync(Cancel)}");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your order has been delivered", new() { Timeout = 15_000 });
        await Expect(page.Locator(".stages .stage-upcoming")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("PF-AAAAAAAAAA")]  // well formed, nobody's order
    [InlineData("not-a-reference")] // malformed: never reaches the cluster
    public async Task An_unknown_reference_gets_a_friendly_page(string reference)
    {
        await using var context = await farm.Browser.NewContextAsync(Phone);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(TrackingUrl(reference));

        Assert.Equal(404, response!.Status);
        Assert.StartsWith("text/html", await response.HeaderValueAsync("content-type"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("We can't find that order");
        await Expect(page.Locator("main")).ToContainTextAsync(reference);
        await Expect(page.Locator("main")).ToContainTextAsync("confirmation email");
        await page.ScreenshotAsync(new() { Path = Screenshot($"tracking-not-found-{reference}.png"), FullPage = true });
    }

    [Fact]
    public async Task The_page_reads_without_javascript()
    {
        var reference = await Place(WaitingOrder);

        // What any client gets: the whole story in the HTML, nothing waits for a script.
        using var response = await farm.Farm.Http.GetAsync($"/tracking/{reference}", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "an order page must not be cached");
        var html = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains(reference, html);
        Assert.Contains("aria-current=\"step\"", html);
        Assert.Contains("Your order is waiting for a printer", html);
        Assert.Contains("lamp-shade", html);
        Assert.Contains("PETG", html);
        // The estimate is in the page itself: ship-by and arrive-by dates, with why they last moved.
        Assert.Contains("Ships by", html);
        Assert.Contains("Arrives by", html);
        Assert.Contains("order placed", html);
        Assert.DoesNotContain("grace@example.com", html);
        Assert.DoesNotContain("Harbour", html);

        // And in a browser with JavaScript off: the same page, without the live indicator.
        await using var context = await farm.Browser.NewContextAsync(new() { JavaScriptEnabled = false, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(TrackingUrl(reference));
        await Expect(page.Locator(".stages [aria-current=step]")).ToContainTextAsync("Queued");
        await Expect(page.Locator("#item-0")).ToContainTextAsync("lamp-shade");
        await Expect(page.Locator("#live")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("tracking-no-javascript.png"), FullPage = true });
    }

    private async Task<string> Place(string order)
    {
        var placed = await farm.Farm.Http.PostAsync("/api/orders", new StringContent(order, Encoding.UTF8, "application/json"), Cancel);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var body = JsonDocument.Parse(await placed.Content.ReadAsStringAsync(Cancel)).RootElement;
        return body.GetProperty("reference").GetString()!;
    }

    private string TrackingUrl(string reference) => new Uri(farm.Gateway, $"/tracking/{reference}").AbsoluteUri;

    private static string Screenshot(string file)
    {
        Directory.CreateDirectory(TrackingFarm.ScreenshotFolder);
        return Path.Combine(TrackingFarm.ScreenshotFolder, file);
    }
}
