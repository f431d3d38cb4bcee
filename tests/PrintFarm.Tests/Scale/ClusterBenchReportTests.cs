using PrintFarm.Bench.Cluster;
using PrintFarm.Metrics;

namespace PrintFarm.Tests.Scale;

/// <summary>
/// The bench's table from a made-up report: memory measured at each printer step with its
/// slopes, the start of each step, order placement beside the database's ceiling, each silo's
/// share of the telemetry, and the issue's targets.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ClusterBenchReportTests
{
    private const long Mb = 1024 * 1024;

    private static MemoryFigures Memory() => new(new MemoryPoint(50 * Mb, 200 * Mb),
    [
        Step(1, 1000, 1000, 4.0, 10_000, new MemoryPoint(100 * Mb, 300 * Mb)),
        Step(2, 3000, 2000, null, 30_000, new MemoryPoint(200 * Mb, 500 * Mb)),
        Step(3, 10_000, 7000, 20.0, 100_000, new MemoryPoint(550 * Mb, 1200 * Mb)),
    ]);

    private static PrinterStepFigures Step(int number, int printers, int added, double? seconds, long orders, MemoryPoint memory) =>
        new(number, printers, added, seconds, orders, 0, 10, OpenOrdersAccepted: true, memory,
            seconds is null ? "Timed out waiting for the farm to store a first status of each of the 2000 printers of step 2." : null);

    [Fact]
    public void Slopes_come_from_the_step_before_and_from_the_idle_farm()
    {
        var memory = Memory();

        var fromPrevious = memory.FromPrevious(2);
        Assert.Equal(350.0 * Mb / 7000, fromPrevious.HeapPerPrinter);
        Assert.Equal(700.0 * Mb / 7000, fromPrevious.RssPerPrinter);
        Assert.Equal(700.0 * Mb / 70_000, fromPrevious.RssPerOpenOrder);

        var fromIdle = memory.FromBaseline(2);
        Assert.Equal(1000.0 * Mb / 10_000, fromIdle.RssPerPrinter);
        Assert.Equal(500.0 * Mb / 100_000, fromIdle.HeapPerOpenOrder);

        // The first step's "step before" is the idle farm.
        Assert.Equal(memory.FromBaseline(0), memory.FromPrevious(0));
        Assert.Equal(1200, memory.FinalRssMb);
        Assert.True(memory.TargetMet);
    }

    [Fact]
    public void A_step_without_new_orders_has_no_slope_per_order()
    {
        var slope = MemorySlope.Between(new MemoryPoint(0, 0), 0, 0, new MemoryPoint(Mb, 2 * Mb), 1024, 0);

        Assert.Equal(1024, slope.HeapPerPrinter);
        Assert.Equal(2048, slope.RssPerPrinter);
        Assert.Null(slope.HeapPerOpenOrder);
        Assert.Null(slope.RssPerOpenOrder);
    }

    [Fact]
    public void The_table_has_a_row_per_step_and_the_final_rss_against_its_target()
    {
        var table = Table(Report());

        Assert.Contains("RSS with 10000 printers and 100000 open orders (MB)", table);
        Assert.Matches(@"RSS with 10000 printers and 100000 open orders \(MB\)\s+1,200\s+< 2048 met", table);
        // printers, open orders, heap, RSS; then per printer and per order since the step before.
        Assert.Matches(@"\n\s+10000\s+100000\s+550\s+1200\s+51\.2 / 102\.4\s+5\.1 / 10\.2", table);
        Assert.DoesNotContain("extrapolated", table);
    }

    [Fact]
    public void The_start_of_each_step_is_timed_and_a_timeout_is_said_not_thrown()
    {
        var table = Table(Report());

        Assert.Matches(@"1000 printers online: first statuses stored \(s\)\s+4\.0\s+250 statuses/s", table);
        Assert.Matches(@"3000 printers online: first statuses stored \(s\)\s+timed out\s+Timed out waiting", table);
        Assert.Matches(@"10000 printers online: first statuses stored \(s\)\s+20\.0\s+350 statuses/s", table);
    }

    [Fact]
    public void Order_placement_stands_beside_the_database_ceiling()
    {
        var placement = Report().Placement;
        Assert.Equal(100, placement.OrdersPerSecond);
        Assert.Equal(0.25, placement.CeilingRatio);
        Assert.Equal(8.0, placement.RowsPerOrder);
        Assert.Equal(3.0, placement.CommitsPerOrder);

        var table = Table(Report());
        Assert.Matches(@"orders placed / database ceiling\s+25 %\s+>= 50 % NOT met", table);
        Assert.Matches(@"PostgreSQL per order placed: rows written / commits\s+8\.0 / 3\.0\s+most rows: public\.orleansstorage 6\.0", table);
    }

    [Fact]
    public void Each_silo_shows_its_share_and_nothing_lost_compares_published_with_ingested()
    {
        var table = Table(Report());

        Assert.Matches(@"silo 0: telemetry ingested \(msg/s, share\)\s+6,000 \(60 %\)", table);
        Assert.Matches(@"silo 1: telemetry ingested \(msg/s, share\)\s+4,000 \(40 %\)", table);
        Assert.Matches(@"nothing lost: telemetry published / ingested \(msg/s\)\s+10,000 / 10,000 \(100\.0 %\)\s+>= 99 % met", table);
        Assert.Matches(@"nothing lost: events sent / handled by each silo \(per s\)\s+20\.0 / 19\.0 \(95\.0 %\)\s+>= 99 % NOT met", table);
    }

    [Fact]
    public void A_skipped_dispatcher_phase_says_so()
    {
        var table = Table(Report() with { Dispatch = new DispatchFigures(0, 0, null, null, 12) });

        Assert.Matches(@"dispatch: 0 queued jobs to 0 idle printers \(s\)\s+n/a\s+skipped", table);
    }

    [Fact]
    public void The_targets_are_the_issues()
    {
        var table = Table(Report());

        Assert.Matches(@"publish -> printer grain p50 / p99 / max \(ms\)\s+\S+ / 60\.0 / \S+\s+p99 < 50 NOT met", table);
        Assert.Matches(@"farm / do-nothing subscriber, 1000 topics\s+80 %\s+>= 70 % met", table);
        Assert.Matches(@"farm / do-nothing subscriber, 10000 topics\s+50 %\s+>= 70 % NOT met", table);
        Assert.Matches(@"dispatch: 10000 queued jobs to 1000 idle printers \(s\)\s+0\.8\s+< 1 met", table);
    }

    [Fact]
    public void The_json_carries_the_steps_and_the_tables_that_took_the_rows()
    {
        var json = Report().ToJson();

        Assert.Contains("\"steps\"", json);
        Assert.Contains("\"firstStatusesSeconds\"", json);
        Assert.Contains("\"public.orleansstorage\"", json);
        Assert.Contains("\"upsertsPerSecond\"", json);
        Assert.Contains("\"perSiloTelemetryPerSecond\"", json);
    }

    private static string Table(ClusterBenchReport report)
    {
        var writer = new StringWriter();
        report.WriteTable(writer);
        return writer.ToString();
    }

    private static ClusterBenchReport Report() => new()
    {
        At = DateTimeOffset.UnixEpoch,
        Settings = new ClusterBenchSettingsView(10_000, 20, 2, "PostgreSql", 60, 2000, 40, 10, 2, [10, 30, 100], 10),
        Ingest = new IngestFigures(10_000, 10_000,
            [new FloodFigures(1000, 50_000, 60_000, 40_000, false), new FloodFigures(10_000, 40_000, 50_000, 20_000, true)],
            new TelemetryAccounting([6000, 4000], 10_000, 0, 20, 19, 3)),
        TelemetryLatencyMs = new LatencySummary(1000, 5, 60, 120),
        CompletionToSse = new SseFigures(40, 40, 100, 300, 400),
        Memory = Memory(),
        Placement = new OrderPlacementFigures(100_000, 0, 1000, 32,
            new PostgresWriteWindow(800_000, 300_000, 1000, [new TableWrites("public.orleansstorage", 100_000, 500_000, 0), new TableWrites("public.orleansremindersv2", 200_000, 0, 0)]),
            new DatabaseCeilingFigures(400, 4000, 32, 100, 10, null)),
        SteadyOrders = new SteadyOrderFigures(2000, 0, 20),
        Dispatch = new DispatchFigures(10_000, 1000, 0.8, 5, 12),
        Storage = new StorageFigures(1000, 100, "PostgreSQL"),
        Console = new ConsoleFigures(ConsoleRenderFigures.NotMeasured("made up"), ConsoleStreamFigures.NotMeasured("made up"), TileLatencyFigures.NotMeasured("made up")),
    };
}
