using Microsoft.Playwright;
using PrintFarm.Tests.EndToEnd;
using static Microsoft.Playwright.Assertions;

namespace PrintFarm.Tests.Browser;

/// <summary>
/// The API reference page (/api/docs) in a real browser with every request to another host
/// refused: it still shows the endpoints, and the browser reports no CSP violation.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ApiDocsPageTests
{
    [Fact]
    public async Task The_reference_page_shows_the_endpoints_with_no_request_leaving_the_gateway_and_no_csp_violation()
    {
        await using var farm = new FarmHost();
        await farm.Start();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.Launch(playwright);
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var elsewhere = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "http" or "https" && url.Authority != farm.BaseAddress.Authority)
            {
                lock (elsewhere) elsewhere.Add(route.Request.Url);
                await route.AbortAsync();
            }
            else await route.ContinueAsync();
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") lock (errors) errors.Add(message.Text); };
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };

        await page.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");
        await page.GotoAsync(new Uri(farm.BaseAddress, "/api/docs").ToString());
        // The document was fetched and drawn: the first tag's operations, and the other tags listed.
        await Expect(page.GetByText("Every printer with its connectivity").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByText("Orders", new() { Exact = true }).First).ToBeAttachedAsync(new() { Timeout = 10_000 });

        // The bundle's schema library (zod) probes once whether it may compile code, with
        // Function(""), and goes on without when refused: that one is expected, no other.
        var violations = await page.EvaluateAsync<string[]>("() => window.__csp");
        Assert.Empty(violations.Where(v => v != "script-src eval"));
        Assert.True(!errors.Any(e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) && !e.Contains("unsafe-eval", StringComparison.Ordinal)), string.Join("\n", errors));
        Assert.Empty(elsewhere);
    }
}
