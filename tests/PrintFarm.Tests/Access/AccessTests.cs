using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PrintFarm.Accounts;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Access;

/// <summary>Accounts and keys end to end: who sees which orders, revocation, rate limits, cookie sign-in, and no secret in any log line.</summary>
[Trait("Category", "EndToEnd")]
public sealed partial class AccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_sees_only_its_own_orders_and_the_shop_not_the_operator()
    {
        await using var farm = new FarmHost();
        await farm.Start();
        using var alice = farm.Client(farm.Accounts.Customer.Key);
        var bobKey = await NewCustomer(farm, "bob@example.com");
        using var bob = farm.Client(bobKey);

        var first = await Place(alice);
        var second = await Place(alice);
        var bobs = await Place(bob);

        // Newest first, each customer its own.
        var list = await alice.GetFromJsonAsync<JsonElement>("/api/orders", Ct);
        Assert.Equal(new[] { second, first }, list.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("reference").GetString()!).ToArray());
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        // Another customer's order is no order at all: 404, for reading and for acting.
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/orders/{first}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsync($"/api/orders/{first}/cancel", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/orders/{first}", Ct)).StatusCode);
        // Staff see every order, and can ask for one customer's.
        using var viewer = farm.Client(farm.Accounts.Viewer!.Key);
        var byBob = await viewer.GetFromJsonAsync<JsonElement>("/api/orders?customer=bob@example.com", Ct);
        Assert.Equal(new[] { bobs }, byBob.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("reference").GetString()!).ToArray());
        Assert.Equal("bob@example.com", byBob.GetProperty("orders")[0].GetProperty("owner").GetString());

        // An operator's move is recorded with the operator's name; the customer reads "the shop".
        using var op = farm.Client(farm.Accounts.Operator.Key);
        var hold = await op.PostAsync($"/api/orders/{first}/status", Json("""{"status": "OnHold", "message": "Waiting for your file"}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, hold.StatusCode);
        var staffView = await op.GetFromJsonAsync<JsonElement>($"/api/orders/{first}", Ct);
        Assert.Contains(staffView.GetProperty("timeline").EnumerateArray(), e => e.TryGetProperty("by", out var by) && by.GetString() == farm.Accounts.Operator.Login);
        var customerView = await alice.GetStringAsync($"/api/orders/{first}", Ct);
        Assert.DoesNotContain(farm.Accounts.Operator.Login, customerView);
        Assert.Contains("the shop", customerView);
        var page = await new HttpClient { BaseAddress = farm.BaseAddress }.GetStringAsync($"/tracking/{first}", Ct);
        Assert.DoesNotContain(farm.Accounts.Operator.Login, page);
        // A viewer changes nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/orders/{first}/status", Json("""{"status": "Queued"}"""), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_at_once_on_every_gateway()
    {
        await using var farm = new FarmHost();
        await farm.Start();
        var second = await farm.AddGateway();
        var created = await farm.Http.PostAsync($"/api/accounts/{farm.Accounts.Operator.Login}/keys", Json("""{"name": "shop tablet"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var key = body.GetProperty("token").GetString()!;
        Assert.StartsWith("pf_", key);
        var id = body.GetProperty("key").GetProperty("id").GetString()!;

        using var onSecond = new HttpClient { BaseAddress = second.BaseAddress };
        onSecond.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/farm", Ct)).StatusCode);
        var keys = await farm.Http.GetStringAsync($"/api/accounts/{farm.Accounts.Operator.Login}/keys", Ct);
        Assert.DoesNotContain(key, keys); // listings show the prefix, never the key
        Assert.Contains("lastUsedAt", keys);

        Assert.Equal(HttpStatusCode.OK, (await farm.Http.DeleteAsync($"/api/keys/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onSecond.GetAsync("/api/farm", Ct)).StatusCode);
    }

    [Fact]
    public async Task Placing_orders_too_fast_gets_429_with_Retry_After_and_places_nothing_more()
    {
        await using var farm = new FarmHost(settings: new Dictionary<string, string?> { ["Access:OrdersPerMinutePerAccount"] = "3" });
        await farm.Start();
        using var customer = farm.Client(farm.Accounts.Customer.Key);
        for (var i = 0; i < 3; i++) await Place(customer);
        var refused = await customer.PostAsync("/api/orders", Json(ApiModels.ValidOrder), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a Retry-After in seconds");
        var list = await customer.GetFromJsonAsync<JsonElement>("/api/orders", Ct);
        Assert.Equal(3, list.GetProperty("total").GetInt32());
        // The limit is the account's: another customer still orders.
        using var other = farm.Client(await NewCustomer(farm, "carol@example.com"));
        await Place(other);
    }

    [Fact]
    public async Task Behind_a_listed_proxy_the_per_address_limit_counts_each_forwarded_address_and_unlisted_senders_are_not_believed()
    {
        var limits = new Dictionary<string, string?> { ["Access:OrdersPerMinutePerAddress"] = "2" };
        await using (var behindProxy = new FarmHost(settings: new Dictionary<string, string?>(limits) { ["Gateway:Proxies:KnownProxies:0"] = "127.0.0.1" }))
        {
            await behindProxy.Start();
            using var customer = behindProxy.Client(behindProxy.Accounts.Customer.Key);
            Assert.Equal(HttpStatusCode.Created, (await PlaceFrom(customer, "203.0.113.7")).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await PlaceFrom(customer, "203.0.113.7")).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await PlaceFrom(customer, "203.0.113.7")).StatusCode);
            // Another customer behind the same proxy is another address.
            Assert.Equal(HttpStatusCode.Created, (await PlaceFrom(customer, "203.0.113.8")).StatusCode);
        }

        // No proxy listed: the header is anyone's to send, so it changes nothing.
        await using var direct = new FarmHost(settings: limits);
        await direct.Start();
        using var caller = direct.Client(direct.Accounts.Customer.Key);
        Assert.Equal(HttpStatusCode.Created, (await PlaceFrom(caller, "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PlaceFrom(caller, "203.0.113.2")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PlaceFrom(caller, "203.0.113.3")).StatusCode);
    }

    [Fact]
    public async Task A_proxy_that_is_not_an_address_stops_the_gateway_at_start_naming_the_setting()
    {
        await using var farm = new FarmHost(settings: new Dictionary<string, string?> { ["Gateway:Proxies:KnownNetworks:0"] = "10.0.0.0/99" });
        var failure = await Assert.ThrowsAnyAsync<Exception>(farm.Start);
        Assert.Contains("Gateway:Proxies:KnownNetworks", failure.ToString());
    }

    private static async Task<HttpResponseMessage> PlaceFrom(HttpClient customer, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = Json(ApiModels.ValidOrder) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await customer.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_person_signs_in_with_a_password_and_a_form_token_and_wrong_passwords_lock_the_account()
    {
        await using var farm = new FarmHost();
        await farm.Start();
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = farm.BaseAddress };
        var login = farm.Accounts.Customer.Login;

        // Without the form's antiforgery token the post is refused and nobody is signed in.
        var forged = await browser.PostAsync("/signin", Form(("login", login), ("password", farm.Accounts.Customer.Password!)), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var token = await FormToken(browser);
        var signedIn = await browser.PostAsync("/signin", Form(("login", login), ("password", farm.Accounts.Customer.Password!), token), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var account = await browser.GetAsync("/account", Ct);
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains(login, await account.Content.ReadAsStringAsync(Ct));
        // The cookie serves the pages, not the API: the API wants a key.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/orders", Ct)).StatusCode);

        using var stranger = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = farm.BaseAddress };
        HttpResponseMessage last = null!;
        for (var i = 0; i < 5; i++)
        {
            last = await stranger.PostAsync("/signin", Form(("login", login), ("password", $"wrong-password-{i}"), await FormToken(stranger)), Ct);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        // Locked means locked: even the right password waits.
        var right = await stranger.PostAsync("/signin", Form(("login", login), ("password", farm.Accounts.Customer.Password!), await FormToken(stranger)), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    [Fact]
    public async Task A_person_signed_in_at_one_gateway_is_signed_in_at_another_and_after_a_restart()
    {
        var databasePath = Path.Combine(PrintFarm.Harness.TestFolders.Root, $"farm-{Guid.NewGuid():N}.db");
        var cookies = new CookieContainer();
        var login = "";
        await using (var farm = new FarmHost(databasePath))
        {
            await farm.Start();
            // Another folder: by default Data Protection names the application after it, as it
            // would on another machine, and a cookie from the first gateway would not open here.
            var elsewhere = Directory.CreateDirectory(Path.Combine(PrintFarm.Harness.TestFolders.Root, $"gateway-{Guid.NewGuid():N}")).FullName;
            var second = await farm.AddGateway(elsewhere);
            using var first = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = farm.BaseAddress };
            using var other = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = second.BaseAddress };
            login = farm.Accounts.Customer.Login;

            // The form comes from one gateway and is posted to the other, as a load balancer would.
            var signedIn = await other.PostAsync("/signin", Form(("login", login), ("password", farm.Accounts.Customer.Password!), await FormToken(first)), Ct);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            var account = await first.GetAsync("/account", Ct);
            Assert.Equal(HttpStatusCode.OK, account.StatusCode);
            Assert.Contains(login, await account.Content.ReadAsStringAsync(Ct));

            // The keys are the farm's, kept in its storage, not in either gateway's folder.
            var ring = farm.GatewayServices.GetRequiredService<IClusterClient>().GetGrain<IGatewayKeyRingGrain>(0);
            Assert.NotEmpty(await ring.Keys());
        }

        // Gateways and silos restarted on the same database: the cookie still opens the account.
        await using var restarted = new FarmHost(databasePath);
        await restarted.Start();
        using var again = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = restarted.BaseAddress };
        var page = await again.GetAsync("/account", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(login, await page.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task No_key_or_password_appears_in_any_log_line()
    {
        var logs = new CapturedLogs();
        await using var farm = new FarmHost(settings: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:PrintFarm"] = "Trace",
        }) { Logs = logs };
        await farm.Start();
        var secrets = farm.Accounts.All().Select(a => a.Account.Key).Append(farm.Accounts.Customer.Password!).ToList();
        // Every path a secret takes: keys used, refused, made and revoked; passwords right and wrong.
        foreach (var (account, _) in farm.Accounts.All())
        {
            using var client = farm.Client(account.Key);
            await client.GetAsync("/api/orders", Ct);
            await client.GetAsync("/api/farm", Ct);
        }
        var made = await farm.Http.PostAsync($"/api/accounts/{farm.Accounts.Customer.Login}/keys", Json("{}"), Ct);
        var token = (await made.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
        secrets.Add(token);
        await farm.Http.DeleteAsync($"/api/keys/{token}", Ct);
        using (var revoked = farm.Client(token)) await revoked.GetAsync("/api/orders", Ct);
        var created = await farm.Http.PostAsync("/api/accounts", Json("""{"login": "dora@example.com", "role": "Customer", "password": "correct horse battery"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        secrets.Add("correct horse battery");
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = farm.BaseAddress };
        await browser.PostAsync("/signin", Form(("login", "dora@example.com"), ("password", "correct horse battery"), await FormToken(browser)), Ct);
        await browser.PostAsync("/signin", Form(("login", "dora@example.com"), ("password", "wrong horse battery"), await FormToken(browser)), Ct);
        secrets.Add("wrong horse battery");
        await farm.Stop();

        Assert.NotEmpty(logs.Lines);
        foreach (var secret in secrets)
            Assert.DoesNotContain(logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        // A key's secret part on its own must not leak either.
        foreach (var key in farm.Accounts.All().Select(a => a.Account.Key))
            Assert.DoesNotContain(logs.Lines, line => line.Contains(key[^32..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_whose_grain_is_out_of_reach_is_checked_against_storage_and_a_revoked_one_is_still_refused()
    {
        // As when the silo holding the keys' grains has just died and Orleans has not yet
        // declared it dead. The farm starts with them: it issues its own keys.
        var cut = new GrainsOutOfReach(typeof(IApiKeyGrain));
        cut.Restore();
        var logs = new CapturedLogs();
        await using var farm = new FarmHost(
            settings: new Dictionary<string, string?> { ["Access:KeyPatience"] = "00:00:00.500" },
            siloServices: services => services.AddSingleton<IIncomingGrainCallFilter>(cut)) { Logs = logs };
        await farm.Start();
        var revoked = await NewCustomer(farm, "carol@example.com");
        Assert.True(ApiKeyToken.TryParse(revoked, out var revokedId));
        Assert.Equal(HttpStatusCode.OK, (await farm.Http.DeleteAsync($"/api/keys/{revokedId}", Ct)).StatusCode);
        using var alice = farm.Client(farm.Accounts.Customer.Key);
        using var carol = farm.Client(revoked);
        using var stranger = farm.Client(farm.Accounts.Customer.Key[..^1] + (farm.Accounts.Customer.Key[^1] == 'a' ? 'b' : 'a'));

        cut.Cut();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var reference = await Place(alice);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"placing an order took {watch.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/orders/{reference}", Ct)).StatusCode);
        // Storage gives the grain's answers: a revoked key and a wrong secret are refused.
        Assert.Equal(HttpStatusCode.Unauthorized, (await carol.GetAsync("/api/orders", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/orders", Ct)).StatusCode);
        // Alice's and Carol's key grains were asked first (a grain's next call waits behind its first).
        Assert.True(cut.Calls >= 2, $"the keys' grains were asked first ({cut.Calls} calls)");
        Assert.Contains(logs.Lines, l => l.Contains("checked against storage instead"));

        // Back in reach, the key's own grain answers again.
        cut.Restore();
        var fallbacks = logs.Lines.Count(l => l.Contains("checked against storage instead"));
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/orders/{reference}", Ct)).StatusCode);
        Assert.Equal(fallbacks, logs.Lines.Count(l => l.Contains("checked against storage instead")));
    }

    private static async Task<string> Place(HttpClient customer)
    {
        var placed = await customer.PostAsync("/api/orders", Json(ApiModels.ValidOrder), Ct);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        return (await placed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reference").GetString()!;
    }

    private static async Task<string> NewCustomer(FarmHost farm, string login)
    {
        Assert.Equal(HttpStatusCode.Created, (await farm.Http.PostAsync("/api/accounts", Json($$"""{"login": "{{login}}", "role": "Customer"}"""), Ct)).StatusCode);
        var key = await farm.Http.PostAsync($"/api/accounts/{login}/keys", Json("{}"), Ct);
        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        return (await key.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
    }

    private static async Task<(string, string)> FormToken(HttpClient browser)
    {
        var form = await browser.GetStringAsync("/signin", Ct);
        var match = HiddenToken().Match(form);
        Assert.True(match.Success, $"the sign-in form carries an antiforgery token: {form}");
        return (match.Groups["name"].Value, WebUtility.HtmlDecode(match.Groups["value"].Value));
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]+)"\s*/?>""")]
    private static partial Regex HiddenToken();

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
