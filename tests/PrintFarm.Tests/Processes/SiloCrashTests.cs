using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PrintFarm.Gateway;
using PrintFarm.Tests.EndToEnd;
using PrintFarm.Tests.Postgres;

namespace PrintFarm.Tests.Processes;

/// <summary>
/// Three silos on PostgreSQL and mosquitto, two gateways and the simulator, all real processes.
/// One silo is killed with SIGKILL in the middle of the work. Customers placing orders meanwhile
/// are refused only until Orleans has declared the dead silo dead, and only for orders that
/// needed that silo; nothing the farm had accepted is lost and nothing is printed twice. Half
/// the customers hold a key whose grain lives on the silo that is killed: the key keeps working.
/// </summary>
[Trait("Category", "Processes")]
[Collection(ProcessFarm.Collection)]
public sealed class SiloCrashTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    /// <summary>
    /// After the death is written to the membership table, the other silos and the gateways read
    /// it on their next membership update (gossip, or the table refresh); an order sent in that
    /// moment may still meet the old view.
    /// </summary>
    private static readonly TimeSpan ViewsCatchUp = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The gateways' Gateway:CallPatience: an order that was inside the silo when it died gets
    /// no answer from it at all, and the gateway answers 503 after this long.
    /// </summary>
    private static readonly TimeSpan CallPatience = new GatewayOptions().CallPatience;

    private static readonly string Order = ApiModels.ValidOrder.Replace("\"quantity\": 2", "\"quantity\": 1");

    [Fact]
    public async Task A_silo_killed_mid_work_refuses_orders_only_until_it_is_declared_dead_loses_none_and_prints_none_twice()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var farm = await ProcessFarm.StartOnPostgres("silo-crash");
        for (var i = 0; i < 3; i++) farm.StartSilo();
        await farm.StartGateway();
        await farm.StartGateway();
        farm.StartSimulator(printers: 4);
        await BrokerRestartTests.AllOnline(farm, 4, DateTimeOffset.MinValue);
        // The silo to kill is the one a customer's key lives on (Orleans places grains where it
        // likes); that key then has no grain until Orleans has declared the silo dead.
        var (strandedKey, victim) = await KeyAndItsSilo(farm, cancel);

        // Customers keep ordering through both gateways the whole time, each order with its own
        // Idempotency-Key, as a careful client does. A new customer comes every 400 ms whether or
        // not the last one has had its answer: customers do not wait for each other, so one
        // order held up by the dead silo must not keep the others from being sent. Every other
        // customer orders with the key whose grain dies with the silo.
        var clock = Stopwatch.StartNew();
        var attempts = new ConcurrentQueue<Attempt>();
        using var stopOrdering = new CancellationTokenSource();
        var ordering = Task.Run(async () =>
        {
            var customers = new List<Task>();
            for (var n = 0; !stopOrdering.IsCancellationRequested; n++)
            {
                var gateway = n % 2;
                var apiKey = n / 2 % 2 == 0 ? farm.Accounts.Admin.Key : strandedKey;
                customers.Add(Task.Run(async () =>
                {
                    var key = Guid.NewGuid().ToString();
                    var sent = clock.Elapsed;
                    var (status, reference) = await PlaceOrder(farm.Gateways[gateway], apiKey, key, cancel);
                    attempts.Enqueue(new Attempt(key, gateway, apiKey, sent, clock.Elapsed, status, reference));
                }, cancel));
                await Task.Delay(400, cancel);
            }
            await Task.WhenAll(customers);
        }, cancel);

        await Eventually.Get(() => Task.FromResult(attempts.Count(a => a.Accepted)), n => n >= 4, TimeSpan.FromMinutes(1), "a few orders accepted before the kill");
        var killed = farm.Silos[victim];
        var killedAt = clock.Elapsed; // the moment SIGKILL is sent
        await killed.KillHard();

        // Orleans' own death detection, as the membership table records it.
        var declaredDeadAt = await Eventually.Get<TimeSpan?>(async () => await IsDeclaredDead(farm, farm.SiloPort(victim)) ? clock.Elapsed : (TimeSpan?)null,
            at => at is not null, TimeSpan.FromMinutes(2), "the killed silo to be declared dead in the membership table") ?? default;
        // Keep ordering a while after: from then on nobody may be refused.
        await Task.Delay(ViewsCatchUp + TimeSpan.FromSeconds(10), cancel);
        await stopOrdering.CancelAsync();
        await ordering.ContinueWith(_ => { }, TaskScheduler.Default);

        var all = attempts.OrderBy(a => a.Sent).ToList();
        var refused = all.Where(a => !a.Accepted).ToList();
        var detection = declaredDeadAt - killedAt;
        output.WriteLine(farm.Silos[0].ReadLog().Split('\n').FirstOrDefault(l => l.Contains("Cluster membership in force"))?.Trim() ?? "(membership settings not logged)");
        output.WriteLine($"silo {victim} killed at +{killedAt.TotalSeconds:F1} s; declared dead {detection.TotalSeconds:F1} s later");
        var firstAcceptedAfter = all.FirstOrDefault(a => a.Accepted && a.Sent > killedAt);
        output.WriteLine($"first order accepted after the kill: sent {Since(firstAcceptedAfter?.Sent, killedAt)} after it");
        output.WriteLine($"{all.Count} orders placed, {all.Count(a => a.Accepted)} accepted, {refused.Count} refused; slowest answer {all.Max(a => a.Answered - a.Sent).TotalSeconds:F1} s");
        foreach (var r in refused)
            output.WriteLine($"  refused: sent +{(r.Sent - killedAt).TotalSeconds:F1} s after the kill through gateway {r.Gateway}{(r.ApiKey == strandedKey ? " with the stranded key" : "")}, answered in {(r.Answered - r.Sent).TotalSeconds:F1} s: {(int)r.Status}");
        var refusedWindow = refused.Count == 0 ? TimeSpan.Zero : refused.Max(r => r.Sent) - killedAt;
        output.WriteLine($"refused window: {refusedWindow.TotalSeconds:F1} s (Orleans' death detection: {detection.TotalSeconds:F1} s)");

        // Every refusal is a 503 within the gateway's patience, never a hang...
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.Status));
        Assert.All(refused, r => Assert.True(r.Answered - r.Sent <= CallPatience + TimeSpan.FromSeconds(5), $"a refusal took {(r.Answered - r.Sent).TotalSeconds:F1} s"));
        // ...and only for orders the kill could touch: none that had its answer before it.
        Assert.All(refused, r => Assert.True(r.Answered >= killedAt, $"an order answered before the kill was refused ({r.Status})"));
        // The refused window is no longer than Orleans' own death detection...
        Assert.True(refusedWindow <= detection + ViewsCatchUp,
            $"orders were refused for {refusedWindow.TotalSeconds:F1} s after the kill, but the dead silo was declared dead after {detection.TotalSeconds:F1} s");
        // ...and within it only orders that needed the dead silo were refused: the others went
        // through, and each refusal the gateways logged names the dead silo as its cause.
        Assert.Contains(all, a => a.Accepted && a.Sent > killedAt && a.Sent < declaredDeadAt);
        // The key whose grain died kept working: it was checked against storage meanwhile.
        Assert.Contains(all, a => a.Accepted && a.ApiKey == strandedKey && a.Sent > killedAt && a.Sent < declaredDeadAt);
        Assert.Contains(farm.GatewayLogs().SelectMany(log => log.Split('\n')), l => l.Contains("checked against storage instead"));
        var refusalsLogged = farm.GatewayLogs().SelectMany(log => log.Split('\n')).Where(l => l.Contains("POST /api/orders failed with 503")).ToList();
        Assert.Equal(refused.Count, refusalsLogged.Count);
        // An order the dead silo was working on when it died gets no answer: the gateway gave up
        // on it after its patience. Only an order already sent at the kill can be one of those;
        // every other refusal names the dead silo (its silo or its gateway port) as the cause.
        var unanswered = refusalsLogged.Where(l => l.Contains("System.TimeoutException")).ToList();
        Assert.True(unanswered.Count <= refused.Count(r => r.Sent <= killedAt + InFlight),
            $"{unanswered.Count} orders got no answer from the cluster, but only {refused.Count(r => r.Sent <= killedAt + InFlight)} were on their way at the kill");
        Assert.All(refusalsLogged.Except(unanswered), line => Assert.True(line.Contains($":{farm.SiloPort(victim)}") || line.Contains($":{farm.GatewayPort(victim)}"), line));

        // A refused order is safe to send again with its key: it is placed once, now.
        var accepted = all.Where(a => a.Accepted).Select(a => a.Reference!).ToList();
        foreach (var r in refused)
        {
            var (status, reference) = await PlaceOrder(farm.Gateways[r.Gateway], r.ApiKey, r.Key, cancel);
            Assert.Equal(HttpStatusCode.Created, status);
            accepted.Add(reference!);
        }
        Assert.Equal(accepted.Count, accepted.Distinct().Count());

        // Every order that got a 201 is printed to the end, with its whole story, in bounded time.
        var finalOrders = new List<JsonElement>();
        foreach (var reference in accepted)
        {
            var order = await Eventually.Get(() => farm.Get($"/api/orders/{reference}", gateway: reference.GetHashCode() & 1),
                o => o.Status() == "ReadyToShip", Patience, $"order {reference} to be ReadyToShip (logs in {farm.Directory})");
            var stages = order.GetProperty("timeline").EnumerateArray().Where(t => !t.TryGetProperty("itemIndex", out var item) || item.ValueKind == JsonValueKind.Null)
                .Select(t => t.GetProperty("status").GetString()).Distinct().ToList();
            Assert.Equal(["Received", "Queued", "Printing", "PostProcessing", "QualityCheck", "ReadyToShip"], stages);
            Assert.DoesNotContain("cautious", order.GetProperty("estimate").GetProperty("reason").GetString());
            finalOrders.Add(order);
        }

        // Nothing printed twice, from what the printers themselves did (the simulator logs each
        // print it finishes) rather than from a view: no job finished twice, every job of an
        // accepted order on its first attempt, and the farm counted each print exactly once.
        Assert.All(finalOrders, o => Assert.All(o.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("jobs").EnumerateArray()),
            j => Assert.Equal(1, j.GetProperty("attempt").GetInt32())));
        var seen = await Eventually.Get(async () =>
            {
                var finished = FinishedJobs.Matches(farm.Simulator!.ReadLog()).Select(m => m.Groups[1].Value).ToList();
                var printers = (await farm.Get("/api/printers")).EnumerateArray().ToList();
                return new PrintCount(
                    finished.Count,
                    printers.Sum(p => p.GetProperty("jobsPrinted").GetInt32()),
                    printers.Sum(p => p.GetProperty("jobsFailed").GetInt32()),
                    string.Join(", ", finished.GroupBy(j => j).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}")),
                    string.Join(", ", printers.Select(p => $"{p.GetProperty("printerId")}: {p.GetProperty("jobsPrinted")}/{p.GetProperty("jobsFailed")}")));
            },
            seen => seen.Finished == seen.CountedByFarm,
            TimeSpan.FromMinutes(1), "the farm to count every print the printers finished, once");
        Assert.Equal("", seen.PrintedTwice);
        Assert.Equal(0, seen.FailedByFarm);
    }

    /// <summary>
    /// How long after SIGKILL an order may still have been handed to the dying silo: the
    /// connections to it are seen closed a moment after the kernel closes them.
    /// </summary>
    private static readonly TimeSpan InFlight = TimeSpan.FromMilliseconds(500);

    /// <summary>A new customer key, and the silo its grain was activated on (the key grain logs its issue where it lives).</summary>
    private static async Task<(string Token, int Silo)> KeyAndItsSilo(ProcessFarm farm, CancellationToken cancel)
    {
        using var response = await farm.Gateways[0].PostAsJsonAsync($"/api/accounts/{farm.Accounts.Customer.Login}/keys", new { name = "stranded" }, cancel);
        response.EnsureSuccessStatusCode();
        var issued = await response.Content.ReadFromJsonAsync<JsonElement>(cancel);
        var shown = issued.GetProperty("key").GetProperty("shown").GetString();
        var silo = await Eventually.Get(() => Task.FromResult(farm.Silos.Select(s => s.ReadLog()).ToList().FindIndex(log => log.Contains($"Key {shown} issued"))),
            index => index >= 0, TimeSpan.FromSeconds(30), $"the key {shown} to be logged as issued");
        return (issued.GetProperty("token").GetString()!, silo);
    }

    private static async Task<(HttpStatusCode Status, string? Reference)> PlaceOrder(HttpClient gateway, string apiKey, string key, CancellationToken cancel)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = new StringContent(Order, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
            request.Headers.Add("Idempotency-Key", key);
            using var response = await gateway.SendAsync(request, cancel);
            var reference = response.StatusCode == HttpStatusCode.Created
                ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel)).RootElement.GetProperty("reference").GetString()
                : null;
            return (response.StatusCode, reference);
        }
        catch (Exception ex) when (ex is (HttpRequestException or TaskCanceledException) && !cancel.IsCancellationRequested)
        {
            return (0, null);
        }
    }

    /// <summary>Orleans writes Dead (6) into the silo's row once enough silos voted it dead.</summary>
    internal static async Task<bool> IsDeclaredDead(ProcessFarm farm, int siloPort) =>
        await Sql.Scalar<long>(farm.Database!.ConnectionString,
            $"SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = '{farm.ClusterId}' AND port = {siloPort} AND status = 6") > 0;

    private static string Since(TimeSpan? at, TimeSpan from) => at is { } t ? $"{(t - from).TotalSeconds:F1} s" : "never";

    private static readonly System.Text.RegularExpressions.Regex FinishedJobs = new(@"finished job (PF-[A-Z0-9-]+) in");

    private sealed record Attempt(string Key, int Gateway, string ApiKey, TimeSpan Sent, TimeSpan Answered, HttpStatusCode Status, string? Reference)
    {
        public bool Accepted => Status == HttpStatusCode.Created;
    }

    /// <summary>Prints as the printers made them and as the farm counted them, readable in a failure message.</summary>
    private sealed record PrintCount(int Finished, int CountedByFarm, int FailedByFarm, string PrintedTwice, string ByPrinter);
}
