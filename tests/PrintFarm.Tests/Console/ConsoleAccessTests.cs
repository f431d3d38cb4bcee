using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Console;

/// <summary>
/// Every console page and move over plain HTTP with the sign-in cookie: each page renders for
/// staff, each move is refused to a viewer (403) and to a customer, nobody without a sign-in
/// gets past the sign-in form, and a move an operator makes reaches the farm.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ConsoleAccessTests(ConsoleFarm farm) : IClassFixture<ConsoleFarm>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private async Task<string> WaitingOrder()
    {
        var body = """
            {"customer": {"name": "Grace", "email": "grace@example.com"},
             "items": [{"design": "lamp-shade", "material": "PETG", "quantity": 1, "estimatedPrintSeconds": 2}],
             "shipping": {"method": "standard", "address": {"name": "Grace", "street1": "9 Harbour Rd", "city": "Cork", "postalCode": "T12", "country": "IE"}}}
            """;
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var placed = await farm.Farm.Http.PostAsync("/api/orders", content);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        return (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
    }

    private async Task PrinterReported() =>
        await Eventually.Get(async () => (await farm.Farm.Http.GetAsync($"/api/printers/{ConsoleFarm.PrinterId}")).StatusCode, s => s == HttpStatusCode.OK, Patience, "the printer's first report");

    [Fact]
    public async Task Every_console_page_renders_for_staff_and_sends_the_rest_to_sign_in()
    {
        await PrinterReported();
        var reference = await WaitingOrder();
        var pages = new[]
        {
            "/console/fleet", "/console/fleet?group=state&state=idle", "/console/fleet?q=pla&group=none&page=1",
            "/console/queue", "/console/orders", $"/console/orders?q={reference}", "/console/orders?status=Queued",
            $"/console/orders/{reference}", "/console/work", $"/console/jobs/{reference}-1-1",
            $"/console/printers/{ConsoleFarm.PrinterId}", "/console/printers/new", "/console/notifications", $"/console/notifications?order={reference}",
        };
        using var viewer = await ConsoleClient.SignIn(farm.Gateway, ConsoleFarm.ViewerLogin, ConsoleFarm.Password);
        using var anonymous = ConsoleClient.Anonymous(farm.Gateway);
        foreach (var page in pages)
        {
            var answer = await viewer.Get(page);
            if (answer.StatusCode == HttpStatusCode.Redirect) answer = await viewer.Get(answer.Headers.Location!.ToString());
            var html = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{page}: {(int)answer.StatusCode} {html}");
            Assert.Contains("<main id=\"main\"", html);
            Assert.Contains("no-store", answer.Headers.CacheControl?.ToString() ?? "");

            var stranger = await anonymous.Get(page);
            Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
            Assert.Contains("/signin", stranger.Headers.Location!.ToString());
        }
        // A bad filter is named and changes nothing; an unknown order is a 404 page.
        var bad = await (await viewer.Get("/console/fleet?state=melting")).Content.ReadAsStringAsync();
        Assert.Contains("There is no state", bad);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.Get("/console/orders/PF-ZZZZZZZZZZ")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.Get("/console/printers/no-such-printer")).StatusCode);

        // A customer signed in has no business in the console.
        var customerLogin = farm.Farm.Accounts.Customer.Login;
        using var customer = await ConsoleClient.SignIn(farm.Gateway, customerLogin!, farm.Farm.Accounts.Customer.Password!);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.Get("/console/fleet")).StatusCode);
    }

    [Fact]
    public async Task Every_console_move_is_refused_to_a_viewer_and_one_an_operator_makes_reaches_the_farm()
    {
        await PrinterReported();
        var reference = await WaitingOrder();
        var moves = farm.Farm.GatewayServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/console") && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => e.RoutePattern.RawText!)
            .ToList();
        Assert.True(moves.Count >= 19, $"only {moves.Count} console moves: {string.Join(", ", moves)}");
        using var viewer = await ConsoleClient.SignIn(farm.Gateway, ConsoleFarm.ViewerLogin, ConsoleFarm.Password);
        foreach (var route in moves)
        {
            var path = route.Replace("{reference}", reference).Replace("{jobId}", reference + "-1-1").Replace("{printerId}", ConsoleFarm.PrinterId)
                .Replace("{index:int}", "0").Replace("{id}", reference + ".1.x");
            var answer = await viewer.Post("/console/fleet", path, ("returnTo", "/console/fleet"), ("status", "OnHold"), ("inService", "false"));
            Assert.True(answer.StatusCode == HttpStatusCode.Forbidden, $"{route} as a viewer: {(int)answer.StatusCode}");
        }
        Assert.Equal("Queued", (await farm.Farm.Get<JsonElement>($"/api/orders/{reference}")).GetProperty("status").GetString());

        // The operator's hold, with its message, is the API's move: the order says so, and so does its timeline.
        using var op = await ConsoleClient.SignIn(farm.Gateway, ConsoleFarm.OperatorLogin, ConsoleFarm.Password);
        var held = await op.Post($"/console/orders/{reference}", $"/console/orders/{reference}/status", ("returnTo", $"/console/orders/{reference}"), ("status", "OnHold"), ("message", "Waiting for your colour choice"));
        Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
        Assert.Contains("notice=", held.Headers.Location!.ToString());
        var order = await farm.Farm.Get<JsonElement>($"/api/orders/{reference}");
        Assert.Equal("OnHold", order.GetProperty("status").GetString());
        // A move the order refuses comes back as the order's own words, and changes nothing.
        var refused = await op.Post($"/console/orders/{reference}", $"/console/orders/{reference}/status", ("returnTo", $"/console/orders/{reference}"), ("status", "Delivered"));
        Assert.Contains("problem=", refused.Headers.Location!.ToString());
        Assert.Equal("OnHold", (await farm.Farm.Get<JsonElement>($"/api/orders/{reference}")).GetProperty("status").GetString());
        // The form cannot send the browser to another site.
        var away = await op.Post($"/console/orders/{reference}", $"/console/orders/{reference}/status", ("returnTo", "https://evil.example/"), ("status", "Queued"));
        Assert.StartsWith($"/console/orders/{reference}?", away.Headers.Location!.ToString());

        // Out of service from the printer's page: the fleet shows it.
        var service = await op.Post($"/console/printers/{ConsoleFarm.PrinterId}", $"/console/printers/{ConsoleFarm.PrinterId}/service", ("inService", "false"), ("reason", "nozzle swap"));
        Assert.Equal(HttpStatusCode.Redirect, service.StatusCode);
        await Eventually.Get(() => farm.Farm.Get<JsonElement>($"/api/printers/{ConsoleFarm.PrinterId}"), p => p.GetProperty("outOfService").GetBoolean(), Patience, "the printer out of service");
        var back = await op.Post($"/console/printers/{ConsoleFarm.PrinterId}", $"/console/printers/{ConsoleFarm.PrinterId}/service", ("inService", "true"));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        await Eventually.Get(() => farm.Farm.Get<JsonElement>($"/api/printers/{ConsoleFarm.PrinterId}"), p => !p.GetProperty("outOfService").GetBoolean(), Patience, "the printer back in service");

        // Registering is for admins: an operator gets 403, like POST /api/printers.
        var register = await op.Post("/console/printers/new", "/console/printers", ("id", "x1c-99"), ("dialect", "Bambu"));
        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
    }
}
