using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PrintFarm.Tests.EndToEnd;
using PrintFarm.Tests.Postgres;
using PrintFarm.Tests.Notifications;
using StandardWebhooks;

namespace PrintFarm.Tests.Processes;

/// <summary>
/// A webhook owed to a receiver that is down, held by a silo that is killed with SIGKILL: two
/// silos on PostgreSQL, the queue's reminder wakes it on the silo that is left, and the receiver,
/// once up, gets the event, signed, and the operator's delivery log says so.
/// </summary>
[Trait("Category", "Processes")]
[Collection(ProcessFarm.Collection)]
public sealed class NotificationCrashTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_webhook_owed_by_a_silo_killed_with_sigkill_reaches_its_receiver_from_the_silo_that_is_left()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var farm = await ProcessFarm.StartOnPostgres("notify-crash");
        var fast = new Dictionary<string, string> { ["Notifications:FirstRetry"] = "00:00:00.200", ["Notifications:MaxRetryDelay"] = "00:00:01" };
        farm.StartSilo(settings: fast);
        farm.StartSilo(settings: fast);
        await farm.StartGateway();
        // Both silos in the cluster first: the silo that dies is one that held the queue, not one
        // that was still joining.
        await Eventually.Get(() => Sql.Scalar<long>(farm.Database!.ConnectionString,
                $"SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = '{farm.ClusterId}' AND status = 3"),
            active => active == 2, Patience, "both silos active");

        using var customer = new HttpClient { BaseAddress = farm.Gateways[0].BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        customer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", farm.Accounts.Customer.Key);
        var port = PrintFarm.Harness.FreePort.Next(); // nothing listens yet: the receiver is down
        var subscribed = await customer.PostAsync("/api/webhooks",
            new StringContent($$"""{"url": "http://127.0.0.1:{{port}}/hook", "events": ["order.placed"]}""", Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        var secret = JsonDocument.Parse(await subscribed.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("secret").GetString()!;
        var placed = await customer.PostAsync("/api/orders", new StringContent(ApiModels.ValidOrder, Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var reference = JsonDocument.Parse(await placed.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("reference").GetString()!;

        // The queue has stored a failed attempt (the delivery log heard of it after the write), then
        // the silo whose queue keeps trying dies without a word.
        await Eventually.Get(async () => (await farm.Get($"/api/notifications?order={reference}")).EnumerateArray().Any(d =>
                d.GetProperty("channel").GetString() == "Webhook" && d.GetProperty("attempts").GetInt32() >= 1),
            ok => ok, TimeSpan.FromSeconds(60), "a failed attempt in the delivery log");
        var victim = await Eventually.Get(() => Task.FromResult(farm.Silos.Select(s => s.ReadLog()).ToList().FindIndex(log => log.Contains($"Delivery {reference}.1~") && log.Contains("failed, trying again"))),
            index => index >= 0, TimeSpan.FromSeconds(60), $"the silo retrying {reference}'s webhook");
        await farm.Silos[victim].KillHard();
        await Eventually.Get(() => SiloCrashTests.IsDeclaredDead(farm, farm.SiloPort(victim)), dead => dead, Patience, $"silo {victim} declared dead");

        await using var receiver = await WebhookReceiver.Start(port);
        var hook = await Eventually.Get(() => Task.FromResult(receiver.To("/hook").FirstOrDefault(h => h.Answer == 204)), h => h is not null, Patience,
            $"the webhook delivered from the silo that is left (logs in {farm.Directory})");
        Assert.Equal($"{reference}.1", hook!.Headers["webhook-id"].ToString());
        new StandardWebhook(secret).Verify(hook.Body, hook.Headers);
        Assert.Equal(reference, JsonDocument.Parse(hook.Body).RootElement.GetProperty("data").GetProperty("reference").GetString());

        var record = await Eventually.Get(async () => (await farm.Get($"/api/notifications?order={reference}", gateway: 0)).EnumerateArray()
                .FirstOrDefault(d => d.GetProperty("channel").GetString() == "Webhook"),
            d => d.ValueKind == JsonValueKind.Object && d.GetProperty("status").GetString() == "Delivered", Patience, "the delivery recorded as delivered");
        Assert.True(record.GetProperty("attempts").GetInt32() >= 2);
    }
}
