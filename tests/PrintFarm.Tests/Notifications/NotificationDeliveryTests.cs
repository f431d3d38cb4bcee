using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PrintFarm.Tests.EndToEnd;
using StandardWebhooks;

namespace PrintFarm.Tests.Notifications;

/// <summary>
/// Notifications through a whole farm (SQLite, one silo, the gateway) to real receivers: a
/// Kestrel webhook receiver that fails before it accepts, the Sculpteo notification URL, a real
/// SMTP server, and addresses the farm must refuse.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NotificationDeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Notifications:FirstRetry"] = "00:00:00.100",
        ["Notifications:MaxRetryDelay"] = "00:00:00.400",
    };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Dictionary<string, string?> With(params IEnumerable<KeyValuePair<string, string?>>[] parts)
    {
        var all = new Dictionary<string, string?>();
        foreach (var part in parts) foreach (var (k, v) in part) all[k] = v;
        return all;
    }

    private static async Task<string> Place(HttpClient client, string? notificationUrl = null)
    {
        var body = ApiModels.ValidOrder.TrimEnd().TrimEnd('}') + (notificationUrl is null ? "}" : $", \"notificationUrl\": \"{notificationUrl}\"}}");
        var placed = await client.PostAsync("/api/orders", Json(body), Ct);
        var text = await placed.Content.ReadAsStringAsync(Ct);
        Assert.True(placed.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("reference").GetString()!;
    }

    private static async Task Move(FarmHost farm, string reference, string status)
    {
        var moved = await farm.Http.PostAsync($"/api/orders/{reference}/status", Json($$"""{"status": "{{status}}", "message": "Moved by the test"}"""), Ct);
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<List<JsonElement>> Deliveries(FarmHost farm, string reference, string? status = null) =>
        [.. (await farm.Get<JsonElement>($"/api/notifications?order={reference}{(status is null ? "" : $"&status={status}")}")).EnumerateArray()];

    [Fact]
    public async Task Webhooks_are_signed_sent_in_order_retried_until_accepted_and_caught_up_on()
    {
        await using var receiver = await WebhookReceiver.Start();
        receiver.FailFirst = 3;
        await using var farm = new FarmHost(settings: FastRetries);
        await farm.Start();
        using var customer = farm.Client(farm.Accounts.Customer.Key);

        var subscribed = await customer.PostAsync("/api/webhooks", Json($$"""{"url": "{{receiver.BaseUrl}}/hook"}"""), Ct);
        var created = JsonDocument.Parse(await subscribed.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        var secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        // The secret is shown once: never in the list.
        var listed = await customer.GetStringAsync("/api/webhooks", Ct);
        Assert.DoesNotContain("whsec_", listed);
        Assert.Contains(created.GetProperty("id").GetString()!, listed);

        var reference = await Place(customer, $"{receiver.BaseUrl}/sculpteo");
        await Eventually.Get(() => farm.Get<JsonElement>($"/api/orders/{reference}"), o => o.Status() == "Queued", Patience, "the order queued");
        await Move(farm, reference, "OnHold");
        await Move(farm, reference, "Cancelled");

        // The customer's log holds every event, in order; the webhook is sent each, in the same order.
        var log = await Eventually.Get(async () => await customer.GetFromJsonAsync<JsonElement>("/api/events", Ct),
            l => l.GetProperty("events").EnumerateArray().Any(e => e.GetProperty("type").GetString() == "order.cancelled"), Patience, "the cancellation in the event log");
        var events = log.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal("order.placed", events[0].GetProperty("type").GetString());
        var ids = events.Select(e => e.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains(events, e => e.GetProperty("data").GetProperty("status").GetString() == "OnHold");

        await Eventually.Get(() => Task.FromResult(receiver.To("/hook").Count(r => r.Answer == 204)), n => n == ids.Count, Patience,
            $"{ids.Count} webhooks accepted (received: {string.Join(", ", receiver.To("/hook").Select(r => $"{r.Headers["webhook-id"]} {r.Answer}"))})");
        var hooks = receiver.To("/hook");
        // The first event was tried until accepted (3 refusals, then 204) before the next one went.
        Assert.Equal([503, 503, 503, 204], hooks.Take(4).Select(h => h.Answer));
        Assert.All(hooks.Take(4), h => Assert.Equal(ids[0], h.Headers["webhook-id"].ToString()));
        Assert.Equal(ids, hooks.Where(h => h.Answer == 204).Select(h => h.Headers["webhook-id"].ToString()));
        var verifier = new StandardWebhook(secret);
        foreach (var hook in hooks)
        {
            verifier.Verify(hook.Body, hook.Headers); // throws when the signature does not match
            var body = JsonDocument.Parse(hook.Body).RootElement;
            Assert.Equal(hook.Headers["webhook-id"].ToString(), body.GetProperty("id").GetString());
            Assert.Equal(reference, body.GetProperty("data").GetProperty("order").GetProperty("reference").GetString());
            Assert.EndsWith($"/tracking/{reference}", body.GetProperty("data").GetProperty("order").GetProperty("trackingUrl").GetString());
            Assert.DoesNotContain("ada@example.com", hook.Body); // the customer view: no email, no address
            Assert.DoesNotContain("1 Rue X", hook.Body);
        }
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhook(PrintFarm.Notifications.WebhookSecret.New()).Verify(hooks[0].Body, hooks[0].Headers));

        // The Sculpteo notification URL heard the reference on every change of status, in order.
        var statusChanges = events.Count(e => e.GetProperty("type").GetString() != "order.item_problem" && e.GetProperty("type").GetString() != "order.estimate_past_promise");
        await Eventually.Get(() => Task.FromResult(receiver.To("/sculpteo").Count), n => n == statusChanges, Patience, "the notification URL told of each change");
        Assert.All(receiver.To("/sculpteo"), r => Assert.Equal($"reference={reference}", r.Body));

        // A receiver that missed some catches up after the last one it saw.
        var after = await customer.GetFromJsonAsync<JsonElement>($"/api/events?after={ids[0]}", Ct);
        Assert.Equal(ids.Skip(1), after.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync("/api/events?after=PF-NOPE.1", Ct)).StatusCode);

        // Operators see each delivery; the first webhook took four attempts.
        var deliveries = await Eventually.Get(() => Deliveries(farm, reference), d => d.Count(x => x.GetProperty("status").GetString() == "Delivered" && x.GetProperty("channel").GetString() != "Email") == ids.Count + statusChanges, Patience, "every delivery recorded as delivered");
        var first = deliveries.Single(d => d.GetProperty("eventId").GetString() == ids[0] && d.GetProperty("channel").GetString() == "Webhook");
        Assert.Equal(4, first.GetProperty("attempts").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync($"/api/notifications?order={reference}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_slow_receiver_holds_up_only_itself()
    {
        await using var receiver = await WebhookReceiver.Start();
        await using var farm = new FarmHost(settings: With(FastRetries, [new("Notifications:AttemptTimeout", "00:02:00")]));
        await farm.Start();
        using var customer = farm.Client(farm.Accounts.Customer.Key);
        foreach (var path in new[] { "slow", "hook" })
            Assert.Equal(HttpStatusCode.Created, (await customer.PostAsync("/api/webhooks", Json($$"""{"url": "{{receiver.BaseUrl}}/{{path}}"}"""), Ct)).StatusCode);

        // The slow receiver has the first event and does not answer; orders are still placed, and the other receiver hears of each.
        var first = await Place(customer);
        await Eventually.Get(() => Task.FromResult(receiver.To("/slow").Count), n => n == 1, Patience, "the slow receiver called");
        var second = await Place(customer);
        await Eventually.Get(() => Task.FromResult(receiver.To("/hook").Select(h => JsonDocument.Parse(h.Body).RootElement.GetProperty("data").GetProperty("reference").GetString()).ToHashSet()),
            refs => refs.Contains(first) && refs.Contains(second), Patience, "the other receiver told of both orders");
        Assert.Single(receiver.To("/slow")); // one at a time: its next message waits for its answer

        receiver.SlowAnswer.SetResult();
        await Eventually.Get(() => Task.FromResult(receiver.To("/slow").Count), n => n >= 4, Patience, "the slow receiver's queue moving on once it answers");
    }

    [Fact]
    public async Task The_sweep_tells_the_shop_once_that_an_order_is_late_and_the_daily_digest_lists_it_once()
    {
        // As SchedulesTests: a pickup promised seconds after placement, with no printer for it, is
        // late within seconds. The sweep runs every second, and the "daily" digest every two.
        await using var mail = TestMailServer.Start();
        await using var farm = new FarmHost(settings: With(FastRetries, mail.Settings("shop@farm.test"), new Dictionary<string, string?>
        {
            ["Schedules:LateOrderSweep"] = "00:00:01",
            ["Schedules:LateOrderDigest"] = "0/2 * * * * ?",
            ["Estimates:Packing"] = "00:00:00",
            ["Estimates:MinimumSafetyMargin"] = "00:00:00",
            ["Estimates:SafetyMarginShare"] = "0",
            ["Estimates:UnplannedStartDelay"] = "00:00:01",
        }));
        await farm.Start();
        var placed = await farm.Http.PostAsync("/api/orders", Json("""
            {"customer": {"name": "Ada", "email": "ada@example.com"},
             "items": [{"design": "bracket-v4", "material": "PLA", "quantity": 1, "estimatedPrintSeconds": 2}],
             "shipping": {"method": "pickup"}}
            """), Ct);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var reference = JsonDocument.Parse(await placed.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("reference").GetString()!;

        bool IsLate(MimeKit.MimeMessage m) => m.Subject == $"Order {reference} is late";
        bool IsDigest(MimeKit.MimeMessage m) => (m.Subject ?? "").StartsWith("1 late order", StringComparison.Ordinal);
        var digest = await Eventually.Get(() => Task.FromResult(mail.To("shop@farm.test").FirstOrDefault(IsDigest)), m => m is not null, Patience, "the digest of late orders");
        Assert.Contains(reference, digest!.TextBody);
        Assert.Contains($"/tracking/{reference}", digest.HtmlBody);
        await Eventually.Get(() => Task.FromResult(mail.To("shop@farm.test").FirstOrDefault(IsLate)), m => m is not null, Patience, "the shop told the order is late");

        // The digest fires every two seconds, and today's is asked for once more: still one. The
        // shop's queue keeps its order, so once tomorrow's digest is there, a repeat of today's would be too.
        var hub = farm.SiloServices.GetRequiredService<IGrainFactory>().GetGrain<PrintFarm.Notifications.INotificationHubGrain>(PrintFarm.Notifications.INotificationHubGrain.Shop);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var day in new[] { today, today.AddDays(-1), today, today.AddDays(1) }) await hub.SendLateOrderDigest(day);
        await Eventually.Get(() => Deliveries(farm, "digest", "delivered"), d => d.Any(x => x.GetProperty("eventId").GetString() == $"digest.{today.AddDays(1):yyyyMMdd}"),
            Patience, "tomorrow's digest delivered");
        var digests = await Deliveries(farm, "digest");
        Assert.Equal(3, digests.Count); // yesterday, today and tomorrow: one each
        Assert.Equal(3, mail.To("shop@farm.test").Count(m => (m.Subject ?? "").Contains("late order")));

        // Evidence that later sweeps ran: the late list was checked again after the shop was told.
        var firstLate = (await farm.Get<JsonElement>("/api/farm")).GetProperty("lateOrders")[0].GetProperty("checkedAt").GetDateTimeOffset();
        await Eventually.Get(() => farm.Get<JsonElement>("/api/farm"), f => f.GetProperty("lateOrders")[0].GetProperty("checkedAt").GetDateTimeOffset() > firstLate.AddSeconds(2),
            Patience, "two more sweeps");
        // The order's events reach the shop in order: once its cancellation is there, a second late notice would be too.
        await Move(farm, reference, "Cancelled");
        await Eventually.Get(() => Task.FromResult(mail.To("shop@farm.test").Any(m => m.Subject == $"Order {reference} is cancelled")), any => any, Patience, "the cancellation's email");
        Assert.Equal(1, mail.To("shop@farm.test").Count(IsLate));
        Assert.DoesNotContain(mail.To("ada@example.com"), IsLate); // the customer is not told of lateness by default
    }

    [Fact]
    public async Task Emails_reach_the_customer_and_the_shop_over_smtp_with_the_tracking_link()
    {
        await using var mail = TestMailServer.Start();
        await using var farm = new FarmHost(settings: With(FastRetries, mail.Settings("shop@farm.test")));
        await farm.Start();
        var reference = await Place(farm.Http);
        await Move(farm, reference, "Cancelled");

        var toCustomer = await Eventually.Get(() => Task.FromResult(mail.To("ada@example.com")), m => m.Any(x => x.Subject?.Contains("cancelled") == true), Patience, "the customer's emails");
        var toShop = await Eventually.Get(() => Task.FromResult(mail.To("shop@farm.test")), m => m.Any(x => x.Subject?.Contains("cancelled") == true), Patience, "the shop's emails");
        var placed = toCustomer.First();
        Assert.Equal($"We have your order {reference}", placed.Subject);
        Assert.Contains($"/tracking/{reference}", placed.TextBody);
        Assert.Contains($"href=\"http://127.0.0.1:5080/tracking/{reference}\"", placed.HtmlBody);
        Assert.Contains("bracket-v4", placed.TextBody);
        Assert.StartsWith($"New order {reference}", toShop.First().Subject);
        Assert.All(toCustomer.Concat(toShop), m => Assert.Contains($"/tracking/{reference}", m.TextBody));
        // One email per event and receiver: the ids let a mail system drop a repeat.
        Assert.Equal(toCustomer.Count, toCustomer.Select(m => m.MessageId).Distinct().Count());
        var records = await Deliveries(farm, reference, "delivered");
        Assert.Contains(records, r => r.GetProperty("channel").GetString() == "Email" && r.GetProperty("target").GetString() == "shop@farm.test");
    }

    [Fact]
    public async Task The_farm_calls_no_private_address_follows_no_redirect_and_an_operator_can_redeliver()
    {
        await using var receiver = await WebhookReceiver.Start();
        await using var farm = new FarmHost(settings: FastRetries);
        await farm.Start();
        using var customer = farm.Client(farm.Accounts.Customer.Key);

        foreach (var (url, words) in new[] { ("http://10.1.2.3/hook", "private"), ("http://169.254.169.254/latest", "private"), ("ftp://example.com/x", "http"), ("http://user:pw@example.com/", "password") })
        {
            var refused = await customer.PostAsync("/api/webhooks", Json($$"""{"url": "{{url}}"}"""), Ct);
            var problem = await refused.Content.ReadAsStringAsync(Ct);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{url}: {refused.StatusCode} {problem}");
            Assert.Contains(words, problem);
        }
        var badEvent = await customer.PostAsync("/api/webhooks", Json($$"""{"url": "{{receiver.BaseUrl}}/hook", "events": ["order.teleported"]}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badEvent.StatusCode);
        Assert.Equal("[]", await customer.GetStringAsync("/api/webhooks", Ct));

        var moved = await customer.PostAsync("/api/webhooks", Json($$"""{"url": "{{receiver.BaseUrl}}/moved", "events": ["order.placed"]}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, moved.StatusCode);
        // The order's own notification URL is checked when it is called: a private address is refused then.
        var reference = await Place(customer, "http://192.168.7.7/orders");

        // The URL hears of each change of status (placed, then queued); the webhook only of the placing.
        static int Failed(List<JsonElement> d, string channel) => d.Count(x => x.GetProperty("channel").GetString() == channel);
        var failed = await Eventually.Get(() => Deliveries(farm, reference, "failed"), d => Failed(d, "Webhook") == 1 && Failed(d, "NotificationUrl") == 2, Patience,
            "the webhook and both notification-URL deliveries failed");
        var redirect = failed.Single(d => d.GetProperty("channel").GetString() == "Webhook");
        Assert.Contains("redirects are not followed", redirect.GetProperty("lastError").GetString());
        Assert.Equal(1, redirect.GetProperty("attempts").GetInt32());
        Assert.All(failed.Where(d => d.GetProperty("channel").GetString() == "NotificationUrl"), url =>
        {
            Assert.Contains("private", url.GetProperty("lastError").GetString());
            Assert.Equal(1, url.GetProperty("attempts").GetInt32()); // refused at once: never tried again
        });
        Assert.Single(receiver.To("/moved"));

        // An operator sends it again: one more attempt, failed for the same reason.
        var id = redirect.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsync($"/api/notifications/{id}/redeliver", null, Ct)).StatusCode);
        var again = await farm.Http.PostAsync($"/api/notifications/{id}/redeliver", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        await Eventually.Get(() => Task.FromResult(receiver.To("/moved").Count), n => n == 2, Patience, "the redelivery");
        Assert.Equal(HttpStatusCode.NotFound, (await farm.Http.PostAsync($"/api/notifications/{reference}.99~nothing/redeliver", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_message_to_a_receiver_that_is_down_outlives_a_restart_of_the_farm()
    {
        var port = PrintFarm.Harness.FreePort.Next();
        var first = new FarmHost(settings: FastRetries);
        await first.Start();
        using (var customer = first.Client(first.Accounts.Customer.Key))
        {
            var subscribed = await customer.PostAsync("/api/webhooks", Json($$"""{"url": "http://127.0.0.1:{{port}}/hook", "events": ["order.placed"], "secret": "whsec_{{Convert.ToBase64String(new byte[32])}}"}"""), Ct);
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
            Assert.False(JsonDocument.Parse(await subscribed.Content.ReadAsStringAsync(Ct)).RootElement.TryGetProperty("secret", out var shown) && shown.ValueKind == JsonValueKind.String,
                "a secret the caller chose is not sent back");
            var reference = await Place(customer);
            await Eventually.Get(() => Deliveries(first, reference), d => d.Any(x => x.GetProperty("attempts").GetInt32() >= 2), Patience, "attempts at the receiver that is down");
            await first.Stop();

            await using var receiver = await WebhookReceiverOn(port);
            await using var second = new FarmHost(first.DatabasePath, settings: FastRetries);
            await second.Start();
            await Eventually.Get(() => Task.FromResult(receiver.To("/hook").Count), n => n >= 1, Patience, "the webhook delivered after the restart");
            await Eventually.Get(() => Deliveries(second, reference, "delivered"), d => d.Count(x => x.GetProperty("channel").GetString() == "Webhook") == 1, Patience, "the delivery recorded");
            Assert.Contains(reference, receiver.To("/hook")[0].Body);
        }
    }

    private static Task<WebhookReceiver> WebhookReceiverOn(int port) => WebhookReceiver.Start(port);
}
