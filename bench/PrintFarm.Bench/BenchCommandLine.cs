using System.CommandLine;
using PrintFarm.Bench.Cluster;
using PrintFarm.Bench.Estimates;

namespace PrintFarm.Bench;

/// <summary>The bench's command line: one subcommand per benchmark.</summary>
public static class BenchCommandLine
{
    public const int InvalidUsage = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("PrintFarm benchmarks: measured, not asserted.") { Estimates(), ClusterCommand() };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine(error.Message);
            Console.Error.WriteLine("Run with --help for usage.");
            return InvalidUsage;
        }
        return await parse.InvokeAsync();
    }

    private static Command Estimates()
    {
        var defaults = new EstimatesBenchSettings();
        var printers = new Option<int>("--printers") { Description = "Printers in the simulated farm.", DefaultValueFactory = _ => defaults.Printers };
        var orders = new Option<int>("--orders") { Description = "Orders placed during the run.", DefaultValueFactory = _ => defaults.Orders };
        var days = new Option<double>("--days") { Description = "Days over which the orders arrive.", DefaultValueFactory = _ => defaults.Days };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated world; the same seed gives the same figures.", DefaultValueFactory = _ => defaults.Seed };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the JSON result.", DefaultValueFactory = _ => DefaultOutput("estimates.json") };

        var command = new Command("estimates", "Simulates a farm in virtual time and measures how accurate delivery estimates are, the farm's against a naive one.")
        {
            printers, orders, days, seed, output,
        };
        command.SetAction(parse =>
        {
            var settings = defaults with
            {
                Printers = parse.GetValue(printers),
                Orders = parse.GetValue(orders),
                Days = parse.GetValue(days),
                Seed = parse.GetValue(seed),
            };
            if (settings.Printers < 1 || settings.Orders < 1 || !(settings.Days > 0))
            {
                Console.Error.WriteLine("--printers and --orders must be at least 1 and --days above 0.");
                return InvalidUsage;
            }
            var report = EstimatesBench.Run(settings);
            report.WriteTable(Console.Out);

            var path = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, report.ToJson());
            Console.WriteLine();
            Console.WriteLine($"Written to {path}");
            return 0;
        });
        return command;
    }

    private static Command ClusterCommand()
    {
        var defaults = new ClusterBenchSettings();
        var printers = new Option<int>("--printers") { Description = "Simulated printers, each sending telemetry at 1 Hz.", DefaultValueFactory = _ => defaults.Printers };
        var duration = new Option<int>("--duration") { Description = "Seconds of the steady window (ingest and latency).", DefaultValueFactory = _ => (int)defaults.Duration.TotalSeconds };
        var silos = new Option<int>("--silos") { Description = "Silo processes (above 1 needs --storage PostgreSql).", DefaultValueFactory = _ => defaults.Silos };
        var orders = new Option<int>("--orders") { Description = "Orders placed through the gateway while the printers run.", DefaultValueFactory = _ => defaults.Orders };
        var follow = new Option<int>("--follow") { Description = "Express orders followed on their SSE stream.", DefaultValueFactory = _ => defaults.FollowedOrders };
        var flood = new Option<int>("--flood") { Description = "Seconds of each broker flood.", DefaultValueFactory = _ => (int)defaults.FloodDuration.TotalSeconds };
        var dispatchJobs = new Option<int>("--dispatch-jobs") { Description = "Jobs queued for the dispatcher phase (0 skips it).", DefaultValueFactory = _ => defaults.DispatchJobs };
        var dispatchPrinters = new Option<int>("--dispatch-printers") { Description = "Idle printers that then take them.", DefaultValueFactory = _ => defaults.DispatchPrinters };
        var connections = new Option<int>("--connections") { Description = "MQTT connections the simulated printers share (0: one per 500 printers).", DefaultValueFactory = _ => defaults.Connections };
        var storage = new Option<string>("--storage") { Description = "PostgreSql (a private instance, the default) or Sqlite.", DefaultValueFactory = _ => defaults.Storage };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated printers.", DefaultValueFactory = _ => defaults.Seed };
        var steps = new Option<string>("--steps") { Description = "Memory steps: percentages of --printers online at each, comma separated (the last step is always 100).", DefaultValueFactory = _ => string.Join(',', defaults.StepPercents) };
        var openOrders = new Option<int>("--open-orders-per-printer") { Description = "Open orders (long prints waiting in the queue) per online printer at each step (0 places none).", DefaultValueFactory = _ => defaults.OpenOrdersPerPrinter };
        var openConcurrency = new Option<int>("--open-order-concurrency") { Description = "Open orders placed at once.", DefaultValueFactory = _ => defaults.OpenOrderConcurrency };
        var settle = new Option<int>("--settle") { Description = "Seconds to wait after the last step before reading memory again, once waiting orders and jobs have left it (0 skips).", DefaultValueFactory = _ => (int)defaults.SettleDuration.TotalSeconds };
        var ceiling = new Option<int>("--db-ceiling") { Description = "Seconds of the database's grain-storage upsert ceiling (PostgreSql only; 0 skips it).", DefaultValueFactory = _ => (int)defaults.DatabaseCeilingDuration.TotalSeconds };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the JSON result.", DefaultValueFactory = _ => DefaultOutput("cluster.json") };

        var command = new Command("cluster", "Runs mosquitto, silo(s), a gateway and simulated printers from the Release build and measures ingest, latency, memory, dispatch and the operator console.")
        {
            printers, duration, silos, orders, follow, flood, dispatchJobs, dispatchPrinters, connections, storage, seed,
            steps, openOrders, openConcurrency, ceiling, settle, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = defaults with
            {
                Printers = parse.GetValue(printers),
                Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
                Silos = parse.GetValue(silos),
                Orders = parse.GetValue(orders),
                FollowedOrders = parse.GetValue(follow),
                FloodDuration = TimeSpan.FromSeconds(parse.GetValue(flood)),
                DispatchJobs = parse.GetValue(dispatchJobs),
                DispatchPrinters = parse.GetValue(dispatchPrinters),
                Connections = parse.GetValue(connections),
                Storage = parse.GetValue(storage) ?? "",
                Seed = parse.GetValue(seed),
                StepPercents = ParsePercents(parse.GetValue(steps)),
                OpenOrdersPerPrinter = parse.GetValue(openOrders),
                OpenOrderConcurrency = parse.GetValue(openConcurrency),
                DatabaseCeilingDuration = TimeSpan.FromSeconds(parse.GetValue(ceiling)),
                SettleDuration = TimeSpan.FromSeconds(parse.GetValue(settle)),
            };
            var errors = settings.Validate();
            if (errors.Count > 0)
            {
                foreach (var error in errors) Console.Error.WriteLine(error);
                return InvalidUsage;
            }
            await using var bench = new ClusterBench(settings, Console.Out);
            var report = await bench.Run(cancellationToken);
            Console.WriteLine();
            report.WriteTable(Console.Out);
            var path = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, report.ToJson(), cancellationToken);
            Console.WriteLine();
            Console.WriteLine($"Written to {path}");
            return 0;
        });
        return command;
    }

    /// <summary>"10,30,100" as percentages; anything that is not a number becomes 0, which validation refuses.</summary>
    public static IReadOnlyList<int> ParsePercents(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p.TrimEnd('%'), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0)
            .ToList();

    /// <summary>.farm/bench/estimates.json in the repository this runs from, else in the current directory.</summary>
    private static string DefaultOutput(string file)
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PrintFarm.sln")))
                return Path.Combine(dir.FullName, ".farm", "bench", file);
        }
        return Path.Combine(".farm", "bench", file);
    }
}
