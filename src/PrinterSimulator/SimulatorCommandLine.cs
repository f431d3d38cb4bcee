using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using PrintFarm.PrinterSimulator.Dialects;
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
        var logins = new Option<string?>("--logins")
        {
            Description = "JSON file of the printers' broker logins ({\"printers\": [{\"id\", \"password\"}]}); ./farm demo writes .farm/printer-logins.json.",
        };
        var logLevel = new Option<LogLevel>("--log-level")
        {
            Description = "Minimum level to log.",
            DefaultValueFactory = _ => LogLevel.Information,
        };

        var dialect = new Option<PrinterDialect>("--dialect")
        {
            Description = "What every printer speaks: native (the farm's protocol), bambu, octoprint or moonraker.",
            DefaultValueFactory = _ => PrinterDialect.Native,
        };
        var dialects = new Option<string?>("--dialects")
        {
            Description = "A mixed fleet, in printer-number order, e.g. bambu=2,octoprint=2,moonraker=2,native=14 (sets --printers).",
        };
        var printSeconds = new Option<int>("--print-seconds")
        {
            Description = "How long a file started through bambu/octoprint/moonraker prints when it is not on the printer or its slicer wrote no time.",
            DefaultValueFactory = _ => (int)SimulatedPrinter.DefaultJobDuration.TotalSeconds,
        };
        var bambuHost = new Option<string>("--bambu-host")
        {
            Description = "Address the simulated Bambu printers' own TLS brokers listen on.",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var bambuPort = new Option<int>("--bambu-port")
        {
            Description = "Port of the first simulated Bambu printer; the next ones count up from it.",
            DefaultValueFactory = _ => 8883,
        };
        var bambuAccessCode = new Option<string>("--bambu-access-code")
        {
            Description = "LAN access code of the simulated Bambu printers (MQTT user bblp).",
            DefaultValueFactory = _ => "12345678",
        };
        var bambuRefuse = new Option<bool>("--bambu-refuse-commands")
        {
            Description = "Simulated Bambu firmware refuses control commands (authorization control without Developer Mode).",
        };
        var bambuSdCard = new Option<string?>("--bambu-sd-card")
        {
            Description = "Folder the Bambu printers' FTPS server writes to: project_file and gcode_file print only files found there, for their sliced time.",
        };
        var bambuFtpsPort = new Option<int>("--bambu-ftps-port")
        {
            Description = "Implicit-FTPS port of the Bambu printers, as written in fleet.json (the FTPS server itself runs elsewhere).",
            DefaultValueFactory = _ => SimulatorOptions.DefaultBambuFtpsPort,
        };
        var filesPort = new Option<int>("--files-port")
        {
            Description = "Loopback port of the OctoPrint and Moonraker printers' HTTP file uploads (0: a free port, written in fleet.json).",
            DefaultValueFactory = _ => 0,
        };
        var fileTimeScale = new Option<double>("--file-time-scale")
        {
            Description = "Prints an uploaded file in its sliced time times this (1: real time; 0.01: a 10-minute file in 6 s).",
            DefaultValueFactory = _ => 1,
        };
        var stateDir = new Option<string>("--state-dir")
        {
            Description = "Where the Bambu CA (bambu-ca.pem, reused across runs), fleet.json and uploaded files (files/{id}/) are written.",
            DefaultValueFactory = _ => Path.Combine(".farm", "simulator"),
        };
        var octoPrintBaseTopic = new Option<string>("--octoprint-base-topic")
        {
            Description = "OctoPrint-MQTT base topic per printer; {id} is the printer id.",
            DefaultValueFactory = _ => "octoprint/{id}/",
        };
        var moonrakerInstance = new Option<string>("--moonraker-instance")
        {
            Description = "Moonraker instance name (topic prefix) per printer; {id} is the printer id.",
            DefaultValueFactory = _ => "{id}",
        };

        var root = new RootCommand("Runs virtual 3D printers that speak the PrintFarm MQTT protocol, or Bambu Lab, OctoPrint or Moonraker.")
        {
            printers, broker, failureRate, seed, telemetryHz, idPrefix, materials, connections, statsFile, logins, logLevel,
            dialect, dialects, printSeconds, bambuHost, bambuPort, bambuAccessCode, bambuRefuse, bambuSdCard, bambuFtpsPort, filesPort, fileTimeScale, stateDir,
            octoPrintBaseTopic, moonrakerInstance,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            if (!SimulatorOptions.TryParseBroker(parse.GetValue(broker), out var host, out var port, out var brokerError))
                return Fail([brokerError]);

            IReadOnlyList<DialectCount> mix = [];
            if (parse.GetValue(dialects) is { } mixText && !DialectCount.TryParseMix(mixText, out mix, out var mixError))
                return Fail([mixError]);
            // A mix says how many printers there are, unless --printers is given too (then they must agree).
            var printerCount = mix.Count > 0 && parse.GetResult(printers) is null or { Implicit: true }
                ? (int)Math.Min(int.MaxValue, mix.Sum(m => (long)m.Count))
                : parse.GetValue(printers);

            PrintFarm.Protocol.PrinterLoginsFile? loginsFile = null;
            if (parse.GetValue(logins) is { } loginsPath)
            {
                try { loginsFile = PrintFarm.Protocol.PrinterLoginsFile.Read(loginsPath); }
                catch (InvalidDataException ex) { return Fail([ex.Message]); }
            }

            var chosenSeed = parse.GetValue(seed) ?? Random.Shared.Next();
            var options = new SimulatorOptions
            {
                Printers = printerCount,
                Dialect = parse.GetValue(dialect),
                Dialects = mix,
                DialectPrintTime = TimeSpan.FromSeconds(parse.GetValue(printSeconds)),
                BambuHost = parse.GetValue(bambuHost) ?? "",
                BambuPortBase = parse.GetValue(bambuPort),
                BambuAccessCode = parse.GetValue(bambuAccessCode) ?? "",
                BambuRefuseCommands = parse.GetValue(bambuRefuse),
                BambuSdCard = parse.GetValue(bambuSdCard),
                BambuFtpsPort = parse.GetValue(bambuFtpsPort),
                FilesPort = parse.GetValue(filesPort),
                FileTimeScale = parse.GetValue(fileTimeScale),
                StateDirectory = parse.GetValue(stateDir) ?? "",
                OctoPrintBaseTopic = parse.GetValue(octoPrintBaseTopic) ?? "",
                MoonrakerInstance = parse.GetValue(moonrakerInstance) ?? "",
                BrokerHost = host,
                BrokerPort = port,
                Logins = loginsFile,
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
                if (options.Dialects.Count > 0 || options.Dialect != PrinterDialect.Native)
                    return Fail(["--connections (shared connections for benchmarks) works with the native dialect only."]);
                await using var shared = new SharedConnectionFleet(options, shards, TimeProvider.System, loggerFactory, parse.GetValue(statsFile));
                await shared.StartAsync(cancellationToken);
                try { await Task.Delay(Timeout.Infinite, cancellationToken); }
                catch (OperationCanceledException) { logger.LogInformation("Stopping: printers are announcing offline"); }
                return 0;
            }

            SimulatedFleet built;
            try
            {
                built = new SimulatedFleet(options, TimeProvider.System, loggerFactory);
            }
            catch (IOException ex)
            {
                // A port in use or a state folder that cannot be written: a usage problem, not a crash.
                return Fail([ex.Message]);
            }
            await using (var fleet = built)
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
