using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using PrintFarm.Dispatch;
using PrintFarm.Harness;
using PrintFarm.Metrics;

namespace PrintFarm.Bench.Cluster;

/// <summary>
/// The cluster benchmark: a private mosquitto, silo and gateway processes from the Release build,
/// the simulator in its shared-connection mode, and orders through the public API, measured in
/// one run (see <see cref="ClusterBenchReport"/> for what each figure is).
/// </summary>
public sealed class ClusterBench(ClusterBenchSettings settings, TextWriter progress) : IAsyncDisposable
{
    private const string DispatchMaterial = "BENCHX";
    /// <summary>The followed orders' material: while open orders keep the step printers busy, only their own printers have it.</summary>
    private const string FollowMaterial = "BENCHF";
    /// <summary>Open orders print for 10 hours: they stay open (queued, or printing) for the whole run.</summary>
    private const int OpenOrderPrintSeconds = 36_000;
    /// <summary>Open orders are numbered from here, apart from the steady window's and the dispatcher's.</summary>
    private const int OpenOrderNumbers = 2_000_000;
    private static readonly string[] Materials = ["PLA", "PETG"];

    private readonly List<FarmProcess> _silos = [];
    private readonly List<SiloStatsFile> _siloStats = [];
    private readonly List<string> _notes = [];
    private readonly List<FarmProcess> _simulators = [];
    private readonly List<SimulatorStatsFile> _simulatorStats = [];
    private int _openOrderNumber;
    private string _directory = "";
    private string _accountsPath = "";
    private PrintFarm.Accounts.SeedAccountsFile _accounts = null!;
    private PrivateCertificateAuthority? _certificates;

    public async Task<ClusterBenchReport> Run(CancellationToken cancellationToken)
    {
        _directory = settings.RunDirectory
            ?? Path.Combine(FarmBinaries.FarmDirectory, "bench", "cluster-runs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(_directory);
        _accountsPath = Path.Combine(_directory, "accounts.json");
        _accounts = PrintFarm.Accounts.SeedAccountsFile.Generate("bench");
        _accounts.Write(_accountsPath);
        // The cluster runs as deployed: Orleans' mutual TLS between silos and the gateway.
        _certificates = PrivateCertificateAuthority.Create(_directory, "PrintFarm bench CA");
        Say($"Logs and data of this run: {Path.GetRelativePath(FarmBinaries.RepositoryRoot, _directory)} (load average {LoadAverage()})");

        await using var broker = await PrivateMosquitto.StartAsync(_directory, cancellationToken: cancellationToken);
        _brokerPort = broker.Port;
        try
        {
            return await RunOn(broker, cancellationToken);
        }
        finally
        {
            // Before the broker goes: a simulator without its broker only retries.
            await StopSimulators();
        }
    }

    private async Task<ClusterBenchReport> RunOn(PrivateMosquitto broker, CancellationToken cancellationToken)
    {
        var steps = PrinterStepPlan.For(settings.Printers, settings.StepPercents);
        var allPrinters = PrinterStepPlan.AllPrinterIds(steps);
        // The first flood speaks for the first simulator's printers (at most 1,000; at --printers
        // 10000 exactly step 1's), so the grains it wakes are the ones that step then runs. A flood
        // over every printer could only come before the steps (and wake them all before step 1 is
        // measured) or once they all run: it comes at the end, over printers already known.
        var firstFlood = steps[0].PrinterIds.Take(1000).ToList();
        var floodSets = allPrinters.Count > firstFlood.Count ? new[] { firstFlood, allPrinters } : [firstFlood];

        // 1. What the broker delivers to a subscriber that only counts, before the farm runs.
        var idleFloods = new List<(double Ceiling, double Published)>();
        foreach (var printers in floodSets)
        {
            Say($"Flooding mosquitto over {printers.Count} printer topics for {settings.FloodDuration.TotalSeconds:F0} s with a do-nothing subscriber...");
            await using var idle = await IdleSubscriber.Connect("127.0.0.1", broker.Port, cancellationToken);
            var flood = BrokerFlood.Run("127.0.0.1", broker.Port, printers, announce: false, 2, settings.FloodDuration, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); // ramp-up excluded
            var (from, at) = (idle.Received, Stopwatch.GetTimestamp());
            var sent = await flood;
            idleFloods.Add(((idle.Received - from) / Stopwatch.GetElapsedTime(at).TotalSeconds, sent / settings.FloodDuration.TotalSeconds));
            Say($"  do-nothing subscriber: {idleFloods[^1].Ceiling:N0} msg/s (published {idleFloods[^1].Published:N0} msg/s)");
        }

        // 2. The farm: the database, silos, then a gateway.
        await using var postgres = settings.Storage == "PostgreSql"
            ? await PrivatePostgres.StartAsync(_directory, ["max_connections=300", "shared_buffers=128MB"], cancellationToken)
            : null;
        var writes = postgres is null ? null : new PostgresWrites(postgres.ConnectionString);
        var siloPorts = Enumerable.Range(0, settings.Silos).Select(_ => (Silo: FreePort.Next(), Gateway: FreePort.Next())).ToList();
        var storage = StorageSettings(postgres);
        for (var i = 0; i < settings.Silos; i++)
        {
            StartSilo(i, siloPorts[i].Silo, siloPorts[i].Gateway, broker.Port, storage);
            // The first silo creates the schema; the others join once it is there.
            if (i == 0 && settings.Silos > 1) await _siloStats[0].Next(cancellationToken);
        }
        var httpPort = FreePort.Next();
        await using var gatewayProcess = FarmProcess.Start("Gateway", "gateway", _directory,
            storage.Concat(_certificates!.Issue("gateway").ClusterSettings).Concat(new Dictionary<string, string>
            {
                ["Urls"] = $"http://127.0.0.1:{httpPort}",
                ["Cluster:GatewayPort"] = siloPorts[0].Gateway.ToString(CultureInfo.InvariantCulture),
                ["Logging:LogLevel:Default"] = "Warning",
                // The bench measures the farm, not the rate limiter in front of it.
                ["Access:OrdersPerMinutePerAccount"] = "1000000",
                ["Access:OrdersPerMinutePerAddress"] = "1000000",
                // Every followed order holds an event stream from this one address, and the
                // console's stream comes on top: the per-client cap (20) would refuse some of them.
                ["Gateway:Limits:MaxEventStreamsPerClient"] = (settings.FollowedOrders + 10).ToString(CultureInfo.InvariantCulture),
            }).Select(kv => $"--{kv.Key}={kv.Value}"));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(120) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _accounts.Admin.Key);
        await WaitHealthy(http, cancellationToken);
        foreach (var stats in _siloStats) await stats.Next(cancellationToken);
        Say("Farm is up.");

        // The operator console: a viewer signed in with the cookie, as a person would be.
        var (console, consoleProblem) = await ConsoleProbe.SignIn(http, TimeProvider.System, cancellationToken);
        using var consoleProbe = console;
        if (consoleProblem is not null) Say($"  console: n/a ({consoleProblem})");

        var baseline = await Memory(cancellationToken);
        Say($"  idle farm: heap {Mb(baseline.ManagedHeapBytes)} MB, RSS {Mb(baseline.ProcessRssBytes)} MB");

        // 3. The same flood into the farm, over the first simulator's printers.
        var floods = new List<FloodFigures>
        {
            new(firstFlood.Count, idleFloods[0].Ceiling, idleFloods[0].Published, await FarmFlood(firstFlood, announce: true, cancellationToken), WithPrintersRunning: false),
        };
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken); // let the backlog drain

        // 4. The printers, in steps, each with its open orders, then memory.
        var openLoad = new OrderLoad(http, settings.Seed);
        var stepFigures = new List<PrinterStepFigures>();
        var placementSeconds = 0.0;
        var placementWrites = writes is null ? null : PostgresWriteWindow.Empty;
        foreach (var step in steps)
        {
            var figures = await RunStep(step, http, openLoad, writes, cancellationToken);
            stepFigures.Add(figures.Step);
            placementSeconds += figures.Step.PlacementSeconds;
            if (placementWrites is not null)
                placementWrites = figures.Writes is null ? null : placementWrites.Add(figures.Writes);
        }

        // Orders and jobs that only wait leave memory after their collection age: read it again then.
        MemoryPoint? settled = null;
        if (settings.SettleDuration > TimeSpan.Zero && openLoad.Placed > 0)
        {
            Say($"  waiting {settings.SettleDuration.TotalSeconds:F0} s for waiting orders and jobs to leave memory...");
            await Task.Delay(settings.SettleDuration, cancellationToken);
            settled = await Memory(cancellationToken);
            Say($"  heap {Mb(settled.ManagedHeapBytes)} MB, RSS {Mb(settled.ProcessRssBytes)} MB, {settings.SettleDuration.TotalSeconds:F0} s after the last step");
        }

        // 5. The database's own ceiling for the grain-storage write, right after the placement.
        if (openLoad.Failed > 0) _notes.Add($"{openLoad.Failed} open orders were refused; the last: {openLoad.LastRefusal}");
        var ceiling = await MeasureDatabaseCeiling(postgres, cancellationToken);
        var placement = new OrderPlacementFigures(openLoad.Placed, openLoad.Failed, placementSeconds, settings.OpenOrderConcurrency, placementWrites, ceiling, openLoad.AskedToWait);
        Say(string.Create(CultureInfo.InvariantCulture,
            $"  open orders: {placement.OrdersPerSecond:N0}/s placed; database ceiling {ceiling.UpsertsPerSecond:N0} upserts/s; {placement.RowsPerOrder:F1} rows and {placement.CommitsPerOrder:F1} commits per order"));

        // The console's first render: the first request once every printer is online.
        var render = console is null ? ConsoleRenderFigures.NotMeasured(consoleProblem!)
            : await console.MeasureRender(settings.Printers, TimeSpan.FromMinutes(2), cancellationToken);
        Say(render.Problem is null
            ? $"  console fleet page: cold {render.ColdMs:F0} ms, all {render.Printers} printers after {render.UntilAllMs:F0} ms, warm {render.WarmMs:F0} ms; {render.Pages} pages in {render.AllPagesMs:F0} ms"
            : $"  console fleet page: n/a ({render.Problem})");
        // Their telemetry says when each printer on the watched page changes state.
        await using var states = console is { WatchedPrinters.Count: > 0 }
            ? await PrinterStateWatcher.Connect("127.0.0.1", broker.Port, console.WatchedPrinters, cancellationToken)
            : null;

        // 6. Orders flowing, and the steady window. The open orders keep every step printer busy
        // for hours, so the followed orders get printers of their own, in a material of their own.
        var followMaterials = settings.OpenOrdersPerPrinter > 0 && settings.FollowedOrders > 0 ? new[] { FollowMaterial } : Materials;
        if (followMaterials[0] == FollowMaterial) await StartFollowPrinters(cancellationToken);
        Say("  warming up for 15 s...");
        await Task.Delay(TimeSpan.FromSeconds(15), cancellationToken);
        await using var finishes = await FinishWatcher.Connect("127.0.0.1", broker.Port, cancellationToken);
        var load = new OrderLoad(http, settings.Seed);
        var follower = new OrderFollower(http, finishes);
        using var followCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Say($"Placing {settings.FollowedOrders} express orders followed on SSE, then {settings.Orders} more; steady window {settings.Duration.TotalSeconds:F0} s...");
        for (var i = 0; i < settings.FollowedOrders; i++)
        {
            if (await load.Place(OrderLoad.Body(followMaterials[i % followMaterials.Length], 1, 20, express: true, -i - 1), cancellationToken) is { } reference)
                follower.Follow(reference, followCancel.Token);
        }
        var placing = load.PlaceMany(settings.Orders, Materials, concurrency: 8, cancellationToken);
        var steadyFrom = await SiloTotals(cancellationToken);
        var writesFrom = writes is null ? null : await TryRead(writes, cancellationToken);
        var simFrom = SimulatorTotals();
        var simFromAt = Stopwatch.GetTimestamp();
        var watching = console is null || states is null ? null : console.Watch(settings.Duration, cancellationToken);
        await Task.Delay(settings.Duration, cancellationToken);
        var steadyTo = await SiloTotals(cancellationToken);
        _notes.Add($"Machine load average (1 min) at the end of the steady window: {LoadAverage()} on {Environment.ProcessorCount} cores (other work on the machine counts too).");
        var writesTo = writes is null ? null : await TryRead(writes, cancellationToken);
        var simTo = SimulatorTotals();
        var simSeconds = Stopwatch.GetElapsedTime(simFromAt).TotalSeconds;
        var offered = (simTo.Telemetry - simFrom.Telemetry) / simSeconds;
        var farmRate = Rate(steadyFrom, steadyTo, s => s.Telemetry);
        var latency = LatencyHistogram.Summarize(Buckets(steadyFrom, steadyTo));
        var accounting = new TelemetryAccounting(
            Enumerable.Range(0, steadyFrom.Count).Select(i => Rate([steadyFrom[i]], [steadyTo[i]], s => s.Telemetry)).ToList(),
            offered, simTo.TelemetrySkipped - simFrom.TelemetrySkipped,
            (simTo.Events - simFrom.Events) / simSeconds,
            // Events are not split between silos (every silo gets each one): the slowest silo's count is what reached all of them.
            Enumerable.Range(0, steadyFrom.Count).Min(i => Rate([steadyFrom[i]], [steadyTo[i]], s => s.Events)), simTo.PendingEvents);
        Say($"  offered {offered:N0} msg/s, ingested {farmRate:N0} msg/s; publish -> grain p50 {latency.P50:F1} ms, p99 {latency.P99:F1} ms");
        if (settings.Silos > 1)
            Say("  per silo: " + string.Join(", ", accounting.PerSiloTelemetryPerSecond.Select((r, i) => $"silo {i} {r:N0} msg/s ({accounting.Share(i):P0})")));

        var consoleFigures = await ConsoleWindow(watching, states, console?.WatchedPrinters.Count ?? 0, render, consoleProblem);

        Say("  waiting for the orders to be placed...");
        var placementTime = await placing;
        Say($"  {load.Placed - settings.FollowedOrders} orders placed in {placementTime.TotalSeconds:F0} s ({load.Failed} refused, {load.AskedToWait} times asked to wait)");
        var steadyOrders = new SteadyOrderFigures(Math.Max(0, load.Placed - follower.Followed), load.Failed, placementTime.TotalSeconds, load.AskedToWait);

        Say("  waiting for the followed orders to finish printing (at most 3 min)...");
        await WaitUntil(() => Task.FromResult(follower.Completed >= follower.Followed), TimeSpan.FromMinutes(3), null, cancellationToken);
        var sse = follower.Latencies();
        followCancel.Cancel();
        sse.Sort();
        var sseFigures = new SseFigures(follower.Followed, sse.Count, Quantile(sse, 0.5), Quantile(sse, 0.99), sse.Count > 0 ? sse[^1] : null);

        // 7. The dispatcher: jobs queued for a material nobody has, then printers that have it.
        var dispatch = await MeasureDispatch(http, load, cancellationToken);

        // 8. The flood over every printer, now that they all run (see above).
        if (floodSets.Length > 1)
            floods.Add(new FloodFigures(allPrinters.Count, idleFloods[1].Ceiling, idleFloods[1].Published,
                await FarmFlood(allPrinters, announce: false, cancellationToken), WithPrintersRunning: true));

        var totalsEnd = await SiloTotals(cancellationToken);
        foreach (var silo in _silos) await silo.StopAsync(TimeSpan.FromSeconds(30));

        var storageFigures = writesFrom is not null && writesTo is not null
            ? PostgresWrites.Between(writesFrom, writesTo)
            : new StorageFigures(null, null, postgres is null ? "no server statistics; run with --storage PostgreSql for pg_stat figures" : "PostgreSQL statistics could not be read");
        if (load.Placed < settings.Orders + settings.FollowedOrders)
            _notes.Add($"Only {load.Placed} of {settings.Orders + settings.FollowedOrders} steady-window orders were accepted; the last refusal: {load.LastRefusal}");
        if (totalsEnd.Sum(s => s.Dropped) > 0) _notes.Add($"The silos dropped {totalsEnd.Sum(s => s.Dropped)} unreadable messages.");
        if (totalsEnd.Sum(s => s.Superseded) > 0)
            _notes.Add($"{totalsEnd.Sum(s => s.Superseded):N0} of {totalsEnd.Sum(s => s.Telemetry):N0} telemetry messages were superseded by a newer report of the same printer before its grain took them (floods included).");

        return new ClusterBenchReport
        {
            At = DateTimeOffset.UtcNow,
            Settings = new ClusterBenchSettingsView(settings.Printers, settings.EffectiveConnections, settings.Silos, settings.Storage,
                settings.Duration.TotalSeconds, settings.Orders, settings.FollowedOrders, settings.FloodDuration.TotalSeconds, Environment.ProcessorCount,
                steps.Select(s => (int)Math.Round(100.0 * s.OnlinePrinters / settings.Printers)).ToList(), settings.OpenOrdersPerPrinter),
            Ingest = new IngestFigures(offered, farmRate, floods, accounting),
            TelemetryLatencyMs = latency,
            CompletionToSse = sseFigures,
            Memory = new MemoryFigures(baseline, stepFigures, settled, settings.SettleDuration.TotalSeconds),
            Placement = placement,
            SteadyOrders = steadyOrders,
            Dispatch = dispatch,
            Storage = storageFigures,
            Console = consoleFigures,
            Notes = _notes,
        };
    }

    /// <summary>The farm's telemetry ingest (all silos) while the bench floods the broker over <paramref name="printers"/>.</summary>
    private async Task<double> FarmFlood(IReadOnlyList<string> printers, bool announce, CancellationToken cancellationToken)
    {
        Say($"Flooding the farm over {printers.Count} printer topics for {settings.FloodDuration.TotalSeconds:F0} s...");
        var floodTask = BrokerFlood.Run("127.0.0.1", _brokerPort, printers, announce, 2, settings.FloodDuration, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var from = await SiloTotals(cancellationToken);
        await floodTask;
        var to = await SiloTotals(cancellationToken);
        var rate = Rate(from, to, s => s.Telemetry);
        // Read off the broker and dealt with; of those, the ones a newer report of the same
        // printer replaced before its grain took them (LatestWins) never reached a grain.
        var superseded = Rate(from, to, s => s.Superseded);
        Say($"  farm ingest under flood: {rate:N0} msg/s ({superseded:N0}/s of them superseded by a newer report before their grain took them)");
        return rate;
    }

    /// <summary>
    /// One step: its simulator's printers online and their first statuses stored (timed), open
    /// orders up to <see cref="ClusterBenchSettings.OpenOrdersPerPrinter"/> per online printer,
    /// accepted and queued, then the silos' memory after a full collection.
    /// </summary>
    private async Task<(PrinterStepFigures Step, PostgresWriteWindow? Writes)> RunStep(PrinterStep step, HttpClient http, OrderLoad openLoad,
        PostgresWrites? writes, CancellationToken cancellationToken)
    {
        var connections = settings.Connections > 0
            ? Math.Max(1, (int)Math.Round(settings.Connections * (double)step.AddedPrinters / settings.Printers))
            : Math.Clamp(step.AddedPrinters / 500, 1, 40);
        Say($"Step {step.Number}: starting {step.AddedPrinters} more simulated printers ({step.IdPrefix}…, {connections} connections; {step.OnlinePrinters} in all)...");
        // The first simulator keeps the stats file name it always had.
        var stats = new SimulatorStatsFile(Path.Combine(_directory, step.Number == 1 ? "simulator.json" : $"simulator-{step.Number}.json"));
        // Statuses are not split between silos: every silo hears and counts each printer's.
        var statusesBefore = (await SiloTotals(cancellationToken)).Select(s => s.Statuses).ToList();
        var started = Stopwatch.GetTimestamp();
        _simulators.Add(StartSimulator(step.Number == 1 ? "simulator" : $"simulator-{step.Number}", step.AddedPrinters, connections,
            step.IdPrefix, Materials, stats.Path, failureRate: 0.02));
        _simulatorStats.Add(stats);
        double? firstStatuses = null;
        string? problem = null;
        try
        {
            await WaitUntil(async () => (await SiloTotals(cancellationToken)).Select((s, i) => s.Statuses - statusesBefore[i]).Min() >= step.AddedPrinters,
                TimeSpan.FromMinutes(5), $"the farm to store a first status of each of the {step.AddedPrinters} printers of step {step.Number}", cancellationToken);
            firstStatuses = Stopwatch.GetElapsedTime(started).TotalSeconds;
            Say($"  {step.OnlinePrinters} printers online: first statuses stored in {firstStatuses:F1} s ({step.AddedPrinters / firstStatuses:N0} statuses/s)");
        }
        catch (TimeoutException ex)
        {
            // Said in the table; the step goes on with the printers that did come.
            problem = ex.Message;
            _notes.Add($"Step {step.Number}: {ex.Message}");
            Say($"  {ex.Message}");
        }

        var wanted = (long)settings.OpenOrdersPerPrinter * step.OnlinePrinters - openLoad.Placed;
        var seconds = 0.0;
        var queued = true;
        PostgresWriteWindow? window = null;
        if (wanted > 0)
        {
            Say($"  placing {wanted} open orders ({OpenOrderPrintSeconds / 3600} h prints, {settings.OpenOrderConcurrency} at once)...");
            var (placedBefore, refusedBefore, waitedBefore) = (openLoad.Placed, openLoad.Failed, openLoad.AskedToWait);
            var from = writes is null ? null : await TryRead(writes, cancellationToken);
            var first = _openOrderNumber;
            var elapsed = await openLoad.PlaceMany((int)wanted,
                n => OrderLoad.Body(Materials[(first + n) % Materials.Length], 1, OpenOrderPrintSeconds, express: false, OpenOrderNumbers + first + n),
                settings.OpenOrderConcurrency, cancellationToken);
            var to = writes is null ? null : await TryRead(writes, cancellationToken);
            _openOrderNumber += (int)wanted;
            seconds = elapsed.TotalSeconds;
            if (from is not null && to is not null) window = PostgresWriteWindow.Between(from, to);
            Say($"  {openLoad.Placed - placedBefore} placed in {seconds:F1} s ({(openLoad.Placed - placedBefore) / seconds:N0}/s, {openLoad.Failed - refusedBefore} refused, {openLoad.AskedToWait - waitedBefore} times asked to wait); waiting until their jobs are queued...");
            queued = await WaitQueued(http, openLoad.Placed, cancellationToken);
            if (!queued) _notes.Add($"Step {step.Number}: not every open order's job was queued or printing within 3 min; memory was read anyway.");
        }
        var memory = await Memory(cancellationToken);
        Say($"  heap {Mb(memory.ManagedHeapBytes)} MB, RSS {Mb(memory.ProcessRssBytes)} MB with {step.OnlinePrinters} printers and {openLoad.Placed} open orders");
        return (new PrinterStepFigures(step.Number, step.OnlinePrinters, step.AddedPrinters, firstStatuses, openLoad.Placed, openLoad.Failed,
            seconds, queued, memory, problem), window);
    }

    /// <summary>Accepted means in the farm's hands: each open order's one job queued or already printing.</summary>
    private async Task<bool> WaitQueued(HttpClient http, long jobs, CancellationToken cancellationToken)
    {
        try
        {
            await WaitUntil(async () => await QueueDepth(http, cancellationToken) + SimulatorTotals().Printing >= jobs,
                TimeSpan.FromMinutes(3), "the open orders' jobs to be queued", cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task<DatabaseCeilingFigures> MeasureDatabaseCeiling(PrivatePostgres? postgres, CancellationToken cancellationToken)
    {
        if (postgres is null) return DatabaseCeilingFigures.NotMeasured("PostgreSQL only (--storage PostgreSql)");
        if (settings.DatabaseCeilingDuration <= TimeSpan.Zero) return DatabaseCeilingFigures.NotMeasured("skipped (--db-ceiling 0)");
        Say($"Database ceiling: the grain-storage upsert, {settings.OpenOrderConcurrency} at once for {settings.DatabaseCeilingDuration.TotalSeconds:F0} s...");
        try
        {
            // The silos' own connection string, so the same pool size (Npgsql's default unless it says otherwise).
            return await DatabaseCeiling.Measure(postgres.ConnectionString, settings.OpenOrderConcurrency, settings.DatabaseCeilingDuration, cancellationToken);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            _notes.Add($"Database ceiling: {ex.Message}");
            return DatabaseCeilingFigures.NotMeasured(ex.Message);
        }
    }

    /// <summary>Idle printers in a material of their own, for the followed express orders.</summary>
    private async Task StartFollowPrinters(CancellationToken cancellationToken)
    {
        var printers = Math.Clamp(settings.FollowedOrders, 1, 100);
        Say($"  starting {printers} idle {FollowMaterial} printers for the followed orders...");
        var stats = new SimulatorStatsFile(Path.Combine(_directory, "follow-simulator.json"));
        _simulators.Add(StartSimulator("follow-simulator", printers, 1, "fol-", [FollowMaterial], stats.Path, failureRate: 0));
        _simulatorStats.Add(stats);
        try
        {
            await stats.WaitFor(s => s.Online == printers, TimeSpan.FromMinutes(2), "the followed orders' printers online", cancellationToken);
        }
        catch (TimeoutException ex)
        {
            _notes.Add(ex.Message);
        }
    }

    /// <summary>Every step's simulator (and the followed orders' printers) as one fleet.</summary>
    private SimulatorStats SimulatorTotals() =>
        SimulatorStats.Sum(_simulatorStats.Select(s => s.TryRead()).OfType<SimulatorStats>().ToList());

    private async ValueTask StopSimulators()
    {
        foreach (var simulator in _simulators) await simulator.DisposeAsync();
        _simulators.Clear();
    }

    /// <summary>
    /// The console's stream over the steady window, and its tiles matched to the watched
    /// printers' state changes. A change in the last seconds of the window has had no time to
    /// reach its tile, so only changes until a few seconds before the stream was cut count.
    /// </summary>
    private async Task<ConsoleFigures> ConsoleWindow(
        Task<(ConsoleStreamFigures Figures, List<TileSeen> Tiles, DateTimeOffset From, DateTimeOffset To)>? watching,
        PrinterStateWatcher? states, int watched, ConsoleRenderFigures render, string? signInProblem)
    {
        if (watching is null || states is null)
        {
            var why = signInProblem ?? render.Problem ?? "no printer on the fleet page to watch";
            return new ConsoleFigures(render, ConsoleStreamFigures.NotMeasured(why), TileLatencyFigures.NotMeasured(why));
        }
        var (stream, tiles, from, to) = await watching;
        var latency = stream.Seconds is null
            ? TileLatencyFigures.NotMeasured(stream.Problem ?? "the stream was not read")
            : TileLatencyFigures.Match(watched, states.Changes(), tiles, from, to - ConsoleGrace);
        Say(stream.Seconds is null
            ? $"  console stream: n/a ({stream.Problem})"
            : string.Create(CultureInfo.InvariantCulture,
                $"  console stream: {stream.BytesPerSecond:N0} B/s, {stream.EventsPerSecond:F1} events/s; state change -> tile p50 {latency.P50:F0} ms, p95 {latency.P95:F0} ms ({latency.Seen}/{latency.Changes} changes)"));
        return new ConsoleFigures(render, stream, latency);
    }

    /// <summary>How long before the end of the watch a state change must be, to be expected on its tile.</summary>
    private static readonly TimeSpan ConsoleGrace = TimeSpan.FromSeconds(5);

    private Dictionary<string, string> StorageSettings(PrivatePostgres? postgres) => settings.Storage == "Memory"
        ? new() { ["Storage:Provider"] = "Memory" }
        : postgres is null
        ? new()
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = Path.Combine(_directory, "farm.db"),
        }
        : new()
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = postgres.ConnectionString,
            ["Storage:CreateSchema"] = "true",
            ["Cluster:Membership"] = "PostgreSql",
        };

    private void StartSilo(int index, int siloPort, int gatewayPort, int mqttPort, Dictionary<string, string> storage)
    {
        var statsPath = Path.Combine(_directory, $"silo-{index}.json");
        _siloStats.Add(new SiloStatsFile(statsPath));
        _silos.Add(FarmProcess.Start("Silo", $"silo-{index}", _directory, storage.Concat(_certificates!.Issue($"silo-{index}").ClusterSettings).Concat(new Dictionary<string, string>
        {
            ["Mqtt:Embedded"] = "false",
            ["Mqtt:Host"] = "127.0.0.1",
            ["Mqtt:Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Stats:Path"] = statsPath,
            ["Accounts:SeedFile"] = _accountsPath,
            ["Jobs:PostProcessing"] = "00:00:05",
            ["Jobs:QualityCheck"] = "00:00:02",
            // Orders' emails go as .eml files: the bench measures the farm with its notifications on.
            ["Notifications:Email:PickupFolder"] = Path.Combine(_directory, "mail"),
            ["Logging:LogLevel:Default"] = "Warning",
        }).Select(kv => $"--{kv.Key}={kv.Value}")));
    }

    private FarmProcess StartSimulator(string name, int printers, int connections, string prefix, IEnumerable<string> materials, string statsPath, double failureRate) =>
        FarmProcess.Start("PrinterSimulator", name, _directory,
        [
            "--printers", printers.ToString(CultureInfo.InvariantCulture),
            "--broker", $"127.0.0.1:{_brokerPort}",
            "--connections", connections.ToString(CultureInfo.InvariantCulture),
            "--stats-file", statsPath,
            "--id-prefix", prefix,
            "--materials", string.Join(',', materials),
            "--failure-rate", failureRate.ToString(CultureInfo.InvariantCulture),
            "--seed", settings.Seed.ToString(CultureInfo.InvariantCulture),
            "--log-level", "Warning",
        ]);

    private int _brokerPort;

    private async Task<DispatchFigures> MeasureDispatch(HttpClient http, OrderLoad load, CancellationToken cancellationToken)
    {
        var planMs = PlanMicrobenchmark(settings.DispatchJobs, settings.DispatchPrinters);
        if (settings.DispatchJobs == 0 || settings.DispatchPrinters == 0)
            return new DispatchFigures(0, 0, null, null, planMs);

        Say($"Dispatcher: queueing {settings.DispatchJobs} {DispatchMaterial} jobs (no printer has it yet)...");
        var started = Stopwatch.GetTimestamp();
        // Orders of 100 copies, a few at once: each order creates its jobs before it answers.
        var orders = new List<(int Copies, int Number)>();
        for (int remaining = settings.DispatchJobs, n = 0; remaining > 0; remaining -= 100, n++)
            orders.Add((Math.Min(100, remaining), 1_000_000 + n));
        var references = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (order, ct) =>
        {
            if (await load.Place(OrderLoad.Body(DispatchMaterial, order.Copies, 600, express: false, order.Number), ct) is { } reference)
                references.Add(reference);
        });
        var queuedJobs = references.Count * 100;
        Say($"  {references.Count} orders ({queuedJobs} jobs) placed in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s; waiting until every job is queued...");
        if (references.Count < orders.Count) _notes.Add($"Dispatcher phase: {orders.Count - references.Count} of {orders.Count} orders were refused.");
        try
        {
            foreach (var reference in references)
            {
                await WaitUntil(async () =>
                {
                    var order = await http.GetFromJsonAsync<JsonElement>($"/api/orders/{reference}", cancellationToken);
                    return order.GetProperty("items")[0].GetProperty("jobs").EnumerateArray().All(j => j.GetProperty("status").GetString() == "Queued");
                }, TimeSpan.FromMinutes(5), $"the jobs of {reference} to be queued", cancellationToken);
            }
        }
        catch (TimeoutException ex)
        {
            _notes.Add($"Dispatcher phase: {ex.Message}");
            return new DispatchFigures(settings.DispatchJobs, settings.DispatchPrinters, null, null, planMs);
        }

        Say($"  starting {settings.DispatchPrinters} idle {DispatchMaterial} printers...");
        var stats = new SimulatorStatsFile(Path.Combine(_directory, "dispatch-simulator.json"));
        var simStarted = Stopwatch.GetTimestamp();
        await using var simulator = StartSimulator("dispatch-simulator", settings.DispatchPrinters, Math.Max(1, settings.DispatchPrinters / 250), "dx-",
            [DispatchMaterial], stats.Path, failureRate: 0);
        try
        {
            await stats.WaitFor(s => s.Online == settings.DispatchPrinters, TimeSpan.FromMinutes(3), "the dispatch printers online", cancellationToken);
            var online = Stopwatch.GetTimestamp();
            await stats.WaitFor(s => s.Printing == settings.DispatchPrinters, TimeSpan.FromMinutes(5), "every dispatch printer printing", cancellationToken);
            var seconds = Stopwatch.GetElapsedTime(online).TotalSeconds;
            Say($"  all {settings.DispatchPrinters} printing {seconds:F1} s after they were online");
            return new DispatchFigures(queuedJobs, settings.DispatchPrinters, seconds, Stopwatch.GetElapsedTime(simStarted).TotalSeconds, planMs);
        }
        catch (TimeoutException ex)
        {
            _notes.Add($"Dispatcher phase: {ex.Message}");
            return new DispatchFigures(settings.DispatchJobs, settings.DispatchPrinters, null, null, planMs);
        }
    }

    /// <summary>The dispatcher's policy alone: <paramref name="jobs"/> queued, then <paramref name="printers"/> idle printers, one plan.</summary>
    public static double PlanMicrobenchmark(int jobs, int printers)
    {
        var queue = new DispatchQueue();
        var placed = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < Math.Max(jobs, 1); i++)
        {
            queue.Enqueue(new JobTicket
            {
                JobId = $"job-{i}", OrderReference = $"PF-{i / 10}", Technology = "FDM", Material = Materials[i % 2],
                EstimatedPrintSeconds = 600, Priority = i % 10 == 0 ? 0 : 1, PlacedAt = placed.AddSeconds(i), Attempt = 1,
            });
        }
        var started = Stopwatch.GetTimestamp();
        for (var p = 0; p < Math.Max(printers, 1); p++)
        {
            queue.PrinterAvailable(new PrinterSlot($"p-{p}", "FDM", [Materials[p % 2]]));
            queue.Plan(); // the grain plans on every printer that becomes available
        }
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<int> QueueDepth(HttpClient http, CancellationToken cancellationToken)
    {
        var queue = await http.GetFromJsonAsync<JsonElement>("/api/queue?take=0", cancellationToken);
        return queue.GetProperty("depth").GetInt32();
    }

    private async Task<PostgresWrites.Reading?> TryRead(PostgresWrites writes, CancellationToken cancellationToken)
    {
        try { return await writes.Read(cancellationToken); }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            _notes.Add($"PostgreSQL statistics could not be read: {ex.Message}");
            return null;
        }
    }

    private async Task<List<SiloStatsSnapshot>> SiloTotals(CancellationToken cancellationToken)
    {
        var snapshots = new List<SiloStatsSnapshot>();
        foreach (var stats in _siloStats) snapshots.Add(await stats.Next(cancellationToken));
        return snapshots;
    }

    private static double Rate(List<SiloStatsSnapshot> from, List<SiloStatsSnapshot> to, Func<SiloStatsSnapshot, long> counter)
    {
        double rate = 0;
        for (var i = 0; i < from.Count; i++)
        {
            var seconds = (to[i].At - from[i].At).TotalSeconds;
            if (seconds > 0) rate += (counter(to[i]) - counter(from[i])) / seconds;
        }
        return rate;
    }

    private static long[] Buckets(List<SiloStatsSnapshot> from, List<SiloStatsSnapshot> to)
    {
        var sum = new long[LatencyHistogram.BucketCount];
        for (var i = 0; i < from.Count; i++)
        {
            var window = LatencyHistogram.Between(from[i].TelemetryLatencyBuckets, to[i].TelemetryLatencyBuckets);
            for (var b = 0; b < sum.Length; b++) sum[b] += window[b];
        }
        return sum;
    }

    private async Task<MemoryPoint> Memory(CancellationToken cancellationToken)
    {
        long heap = 0, rss = 0;
        foreach (var stats in _siloStats)
        {
            var snapshot = await stats.AfterFullGc(cancellationToken);
            heap += snapshot.ManagedHeapBytes;
            rss += snapshot.ProcessRssBytes;
        }
        return new MemoryPoint(heap, rss);
    }

    private static double? Quantile(List<double> sorted, double q) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    private async Task WaitHealthy(HttpClient http, CancellationToken cancellationToken) =>
        await WaitUntil(async () =>
        {
            try { return (await http.GetAsync("/healthz", cancellationToken)).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromMinutes(2), $"the gateway to reach the cluster (logs in {_directory})", cancellationToken);

    private static async Task WaitUntil(Func<Task<bool>> condition, TimeSpan timeout, string? what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(250, cancellationToken);
        }
        if (what is not null) throw new TimeoutException($"Timed out waiting for {what}.");
    }

    /// <summary>Stops every silo this run started, whether it finished or failed.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopSimulators();
        foreach (var silo in _silos) await silo.DisposeAsync();
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture);

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "unknown"; }
    }

    private void Say(string line) => progress.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
}
