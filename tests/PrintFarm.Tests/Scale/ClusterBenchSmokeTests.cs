using PrintFarm.Bench.Cluster;

namespace PrintFarm.Tests.Scale;

/// <summary>
/// The cluster benchmark end to end at a tiny size: mosquitto, a silo and a gateway as processes,
/// 50 shared-connection printers, a few orders and the dispatcher phase. It checks that every
/// figure is really measured (not that it is fast: tests never judge timings).
/// </summary>
[Trait("Category", "Processes")]
public sealed class ClusterBenchSmokeTests
{
    [Fact]
    public async Task A_small_run_measures_every_figure()
    {
        var root = PrintFarm.Harness.TestFolders.Root;
        var settings = new ClusterBenchSettings
        {
            Printers = 50,
            Duration = TimeSpan.FromSeconds(5),
            FloodDuration = TimeSpan.FromSeconds(2),
            Orders = 10,
            FollowedOrders = 2,
            DispatchJobs = 100,
            DispatchPrinters = 10,
            // The settled reading is taken, not judged: a long wait buys nothing here.
            SettleDuration = TimeSpan.FromSeconds(2),
            Storage = "Memory",
            RunDirectory = Path.Combine(root, "bench-smoke", $"{DateTime.UtcNow:HHmmss}-{Guid.NewGuid().ToString("N")[..6]}"),
        };
        Assert.Empty(settings.Validate());

        ClusterBenchReport report;
        await using (var bench = new ClusterBench(settings, TextWriter.Null))
            report = await bench.Run(TestContext.Current.CancellationToken);

        Assert.True(report.Ingest.Floods[0].IdleSubscriberPerSecond > 0, "the do-nothing subscriber received the flood");
        Assert.True(report.Ingest.Floods[0].FarmPerSecond > 0, "the farm ingested the flood");
        Assert.Equal(2, report.Ingest.Floods.Count); // 5 printers at step 1, then all 50 at the end
        Assert.True(report.Ingest.FarmPerSecond > 0, "the farm ingested the printers' telemetry");
        Assert.True(report.TelemetryLatencyMs.Count > 0, "publish -> grain latency was recorded");
        Assert.Equal([5, 15, 50], report.Memory.Steps.Select(s => s.Printers));
        Assert.All(report.Memory.Steps, s => Assert.NotNull(s.FirstStatusesSeconds));
        Assert.Equal(10 * 50, report.Memory.Steps[^1].OpenOrders);
        Assert.NotNull(report.Memory.Settled);
        Assert.Equal(2, report.Memory.SettledAfterSeconds);
        Assert.Equal(10, report.SteadyOrders.Placed);
        Assert.Equal(2, report.CompletionToSse.Seen);
        Assert.Equal(100, report.Dispatch.QueuedJobs);
        Assert.NotNull(report.Dispatch.OnlineToAllPrintingSeconds);
        Assert.Contains("\"telemetryLatencyMs\"", report.ToJson());
        Assert.Null(report.Console.Render.Problem);
        Assert.Equal(50, report.Console.Render.TilesRendered);
        Assert.True(report.Console.Stream.Bytes > 0, "the console's live stream was read");
    }
}
