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
        foreach (var reference in accepted)
        {
            var order = await Eventually.Get(() => farm.Get($"/api/orders/{reference}", gateway: reference.GetHashCode() & 1),
                o => o.Status() == "ReadyToShip", Patience, $"order {reference} to be ReadyToShip (logs in {farm.Directory})");
            var stages = order.GetProperty("timeline").EnumerateArray().Where(t => !t.TryGetProperty("itemIndex", out var item) || item.ValueKind == JsonValueKind.Null)
                .Select(t => t.GetProperty("status").GetString()).Distinct().ToList();
            Assert.Equal(["Received", "Queued", "Printing", "PostProcessing", "QualityCheck", "ReadyToShip"], stages);
            Assert.DoesNotContain("cautious", order.GetProperty("estimate").GetProperty("reason").GetString());
        }

        // Nothing printed twice: one attempt per job, and the printers finished exactly as many
        // prints as there are jobs past printing (orders refused with a 503 after they were
        // stored may still be finishing: they count on both sides).
        string[] pastPrinting = ["Printed", "PostProcessing", "QualityCheck", "Done"];
        var seen = await Eventually.Get(async () =>
            {
                var printers = (await farm.Get("/api/printers")).EnumerateArray().ToList();
                var jobs = (await farm.Get("/api/jobs")).EnumerateArray().ToList();
                return new PrintCount(
                    printers.Sum(p => p.GetProperty("jobsPrinted").GetInt32()),
                    jobs.Count(j => pastPrinting.Contains(j.GetProperty("status").GetString())),
                    string.Join(", ", printers.Select(p => $"{p.GetProperty("printerId")}: {p.GetProperty("jobsPrinted")}")),
                    string.Join(", ", jobs.Select(j => $"{j.GetProperty("jobId")}: {j.GetProperty("status")} #{j.GetProperty("attempt")}")))
                { Jobs = jobs, Printers = printers };
            },
            seen => seen.Printed == seen.JobsPastPrinting,
            TimeSpan.FromMinutes(1), "as many prints on the printers as jobs printed");
        var (jobs, printers) = (seen.Jobs, seen.Printers);
        Assert.All(jobs.Where(j => accepted.Contains(j.GetProperty("orderReference").GetString())), j =>
            Assert.Equal(1, j.GetProperty("attempt").GetInt32()));
        Assert.Equal(0, printers.Sum(p => p.GetProperty("jobsFailed").GetInt32()));
    }

    /// <summary>What the farm's views say was printed, readable in a failure message.</summary>
    private sealed record PrintCount(int Printed, int JobsPastPrinting, string ByPrinter, string ByJob)
    {
        [System.Text.Json.Serialization.JsonIgnore] public List<JsonElement> Jobs { get; init; } = [];
        [System.Text.Json.Serialization.JsonIgnore] public List<JsonElement> Printers { get; init; } = [];
    }
}
