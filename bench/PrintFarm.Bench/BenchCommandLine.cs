using System.CommandLine;
using PrintFarm.Bench.Estimates;

namespace PrintFarm.Bench;

/// <summary>The bench's command line: one subcommand per benchmark.</summary>
public static class BenchCommandLine
{
    public const int InvalidUsage = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("PrintFarm benchmarks: measured, not asserted.") { Estimates() };
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
        var output = new Option<string>("--output", "-o") { Description = "Where to write the JSON result.", DefaultValueFactory = _ => DefaultOutput() };

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

    /// <summary>.farm/bench/estimates.json in the repository this runs from, else in the current directory.</summary>
    private static string DefaultOutput()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PrintFarm.sln")))
                return Path.Combine(dir.FullName, ".farm", "bench", "estimates.json");
        }
        return Path.Combine(".farm", "bench", "estimates.json");
    }
}
