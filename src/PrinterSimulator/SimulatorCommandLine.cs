using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using PrintFarm.PrinterSimulator.SharedConnections;

namespace PrintFarm.PrinterSimulator;

/// <summary>The command line: options, validation, and running the fleet until Ctrl-C.</summary>
public static class SimulatorCommandLine
{
    public const int InvalidUsage = 2;

    // Enough for a thousand printers to publish offline and disconnect after Ctrl-C.
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(string[] args)
    {
        var printers = new Option<int>("--printers", "-n")
        {
            Description = "How many virtual printers to run.",
            DefaultValueFactory = _ => 20,
        };
        var broker = new Option<string>("--broker", "-b")
        {
            Description = "MQTT broker as host:port.",
            DefaultValueFactory = _ => "127.0.0.1:1883",
        };
        var failureRate = new Option<double>("--failure-rate")
        {
            Description = "Chance (0..1) that a job fails part-way.",
            DefaultValueFactory = _ => 0.05,
        };
        var seed = new Option<int?>("--seed")
        {
            Description = "Seed for reproducible runs; random (and logged) if omitted.",
        };
        var telemetryHz = new Option<double>("--telemetry-hz")
        {
            Description = "Telemetry samples per second per printer.",
            DefaultValueFactory = _ => 1,
        };
        var idPrefix = new Option<string>("--id-prefix")
        {
            Description = "Printer ids are this prefix plus a 3-digit number (sim-001).",
            DefaultValueFactory = _ => "sim-",
        };
        var materials = new Option<string>("--materials")
        {
            Description = "Comma-separated materials, loaded one per printer round-robin.",
            DefaultValueFactory = _ => "PLA,PETG",
        };
        var connections = new Option<int>("--connections")
        {
            Description = "High-rate mode: this many MQTT connections each carry a shard of the printers (0: one connection per printer).",
            DefaultValueFactory = _ => 0,
        };
        var statsFile = new Option<string?>("--stats-file")
        {
            Description = "High-rate mode: rewrite this JSON file every second with what was sent.",
        };
        var logLevel = new Option<LogLevel>("--log-level")
        {
            Description = "Minimum level to log.",
            DefaultValueFactory = _ => LogLevel.Information,
        };

        var root = new RootCommand("Runs virtual 3D printers that speak the PrintFarm MQTT protocol.")
        {
            printers, broker, failureRate, seed, telemetryHz, idPrefix, materials, connections, statsFile, logLevel,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            if (!SimulatorOptions.TryParseBroker(parse.GetValue(broker), out var host, out var port, out var brokerError))
                return Fail([brokerError]);

            var chosenSeed = parse.GetValue(seed) ?? Random.Shared.Next();
            var options = new SimulatorOptions
            {
                Printers = parse.GetValue(printers),
                BrokerHost = host,
                BrokerPort = port,
                FailureRate = parse.GetValue(failureRate),
                Seed = chosenSeed,
                TelemetryHz = parse.GetValue(telemetryHz),
                IdPrefix = parse.GetValue(idPrefix) ?? "",
                Materials = (parse.GetValue(materials) ?? "")
                    .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            };
            var errors = options.Validate();
            if (errors.Count > 0) return Fail(errors);

            using var loggerFactory = LoggerFactory.Create(logging => logging
                .SetMinimumLevel(parse.GetValue(logLevel))
                .AddSimpleConsole(console =>
                {
                    console.SingleLine = true;
                    console.TimestampFormat = "HH:mm:ss.fff ";
                }));
            var logger = loggerFactory.CreateLogger("PrintFarm.PrinterSimulator");
            if (parse.GetValue(seed) is null)
                logger.LogInformation("No --seed given; using {Seed} (pass --seed {Seed} to replay this run)", chosenSeed, chosenSeed);

            if (parse.GetValue(connections) is var shards and not 0)
            {
                if (shards < 0) return Fail([$"--connections must be 0 or more (got {shards})."]);
                await using var shared = new SharedConnectionFleet(options, shards, TimeProvider.System, loggerFactory, parse.GetValue(statsFile));
                await shared.StartAsync(cancellationToken);
                try { await Task.Delay(Timeout.Infinite, cancellationToken); }
                catch (OperationCanceledException) { logger.LogInformation("Stopping: printers are announcing offline"); }
                return 0;
            }

            await using (var fleet = new SimulatedFleet(options, TimeProvider.System, loggerFactory))
            {
                await fleet.StartAsync(cancellationToken);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    logger.LogInformation("Stopping: printers are announcing offline");
                }
            }
            return 0;
        });

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
            return Fail(parseResult.Errors.Select(e => e.Message).ToList());
        return await parseResult.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = ShutdownGrace });
    }

    private static int Fail(IReadOnlyList<string> errors)
    {
        foreach (var error in errors) Console.Error.WriteLine(error);
        Console.Error.WriteLine("Run with --help for usage.");
        return InvalidUsage;
    }
}
