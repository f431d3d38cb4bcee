using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Processes;

/// <summary>
/// Three silos on PostgreSQL and mosquitto, two gateways and the simulator, all real processes.
/// One silo is killed with SIGKILL in the middle of the work: nothing it had accepted is lost and
/// nothing is printed twice.
/// </summary>
[Trait("Category", "Processes")]
[Collection(ProcessFarm.Collection)]
public sealed class SiloCrashTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private static readonly string Order = ApiModels.ValidOrder.Replace("\"quantity\": 2", "\"quantity\": 1");

    [Fact]
    public async Task A_silo_killed_mid_work_loses_no_accepted_order_and_prints_no_job_twice()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var farm = await ProcessFarm.StartOnPostgres("silo-crash");
        for (var i = 0; i < 3; i++) farm.StartSilo();
        await farm.StartGateway();
        await farm.StartGateway();
        farm.StartSimulator(printers: 4);
        await BrokerRestartTests.AllOnline(farm, 4, DateTimeOffset.MinValue);

        // Customers keep ordering through both gateways the whole time.
        var accepted = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<HttpStatusCode>();
        using var stopOrdering = new CancellationTokenSource();
        var ordering = Task.Run(async () =>
        {
            for (var n = 0; !stopOrdering.IsCancellationRequested; n++)
            {
                try
                {
                    var response = await farm.Gateways[n % 2].PostAsync("/api/orders", new StringContent(Order, Encoding.UTF8, "application/json"), cancel);
                    if (response.StatusCode == HttpStatusCode.Created)
                        accepted.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel)).RootElement.GetProperty("reference").GetString()!);
                    else
                        refused.Add(response.StatusCode);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { refused.Add(0); }
                await Task.Delay(400, cancel);
            }
        }, cancel);

        await Eventually.Get(() => Task.FromResult(accepted.Count), n => n >= 4, TimeSpan.FromMinutes(1), "a few orders accepted before the kill");
        var acceptedBeforeKill = accepted.Count;
        await farm.Silos[1].KillHard();
        var killedAt = DateTimeOffset.UtcNow;
        output.WriteLine($"killed silo 1 at {killedAt:HH:mm:ss.fff} with {acceptedBeforeKill} orders accepted");
        await Task.Delay(TimeSpan.FromSeconds(15), cancel);
        await stopOrdering.CancelAsync();
        await ordering;
        output.WriteLine($"{accepted.Count} orders accepted, {refused.Count} refused ({string.Join(", ", refused.GroupBy(s => s).Select(g => $"{g.Key}: {g.Count()}"))})");
        Assert.True(accepted.Count > acceptedBeforeKill, "orders should be accepted again after the kill");
        Assert.All(refused, status => Assert.True(status is HttpStatusCode.ServiceUnavailable or 0, $"a refusal must be 503, not {status}"));

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
        // Orders refused with a 503 after they were stored may still be printing: they count on
        // both sides.
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

    private static readonly System.Text.RegularExpressions.Regex FinishedJobs = new(@"finished job (PF-[A-Z0-9-]+) in");

    /// <summary>Prints as the printers made them and as the farm counted them, readable in a failure message.</summary>
    private sealed record PrintCount(int Finished, int CountedByFarm, int FailedByFarm, string PrintedTwice, string ByPrinter);
}
