using System.Globalization;
using Microsoft.Extensions.Logging;
using PrintFarm.PrinterSimulator.Dialects;
using PrintFarm.Protocol;

namespace PrintFarm.PrinterSimulator;

/// <summary>
/// Decides what printer number N of a fleet is: its id, model, loaded material, speed and
/// random stream. Everything is a function of the options and N, so a seed reproduces a fleet.
/// </summary>
public static class FleetRoster
{
    public const string Technology = "FDM";
    public const string Firmware = "printfarm-sim/1.0";
    public const double NozzleDiameter = 0.4;
    public const double SlowestSpeedFactor = 0.85;
    public const double FastestSpeedFactor = 1.25;

    private static readonly (string Model, BuildVolume Volume)[] Models =
    [
        ("Simulated MK4", new BuildVolume(250, 210, 220)),
        ("Simulated X1", new BuildVolume(256, 256, 256)),
        ("Simulated Mini", new BuildVolume(180, 180, 180)),
    ];

    /// <summary>Printer numbers start at 1: sim-001, sim-002, … (wider past 999: sim-1000).</summary>
    public static string PrinterId(string prefix, int number) =>
        prefix + number.ToString("D3", CultureInfo.InvariantCulture);

    public static PrinterCapabilities Capabilities(SimulatorOptions options, int number)
    {
        var (model, volume) = options.DialectOf(number) switch
        {
            // What people run each dialect on, named as slicers name them, so that a file sliced for
            // the model (the tests' samples are) goes to it; the native fleet keeps its round-robin.
            PrinterDialect.Bambu => ("Bambu Lab P1S", new BuildVolume(256, 256, 256)),
            PrinterDialect.OctoPrint => ("Original Prusa MK4S", new BuildVolume(250, 210, 220)),
            PrinterDialect.Moonraker => ("Creality Ender-3", new BuildVolume(220, 220, 250)),
            _ => Models[(number - 1) % Models.Length],
        };
        var material = options.Materials[(number - 1) % options.Materials.Count].Trim();
        return new PrinterCapabilities(model, Technology, [material], volume, NozzleDiameter, Firmware);
    }

    /// <summary>
    /// One independent stream per printer. Mixing seed and number (rather than seed + number)
    /// keeps seed 1's printer 2 from being seed 2's printer 1.
    /// </summary>
    public static Random RandomFor(int seed, int number)
    {
        var z = ((ulong)(uint)seed << 32 | (uint)number) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return new Random(unchecked((int)z ^ (int)(z >> 32)));
    }

    public static SimulatedPrinter CreatePrinter(SimulatorOptions options, int number, TimeProvider timeProvider,
        ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        var random = RandomFor(options.Seed, number);
        // Drawn first so a printer's speed depends only on seed and number.
        var speed = SlowestSpeedFactor + random.NextDouble() * (FastestSpeedFactor - SlowestSpeedFactor);
        return new SimulatedPrinter(PrinterId(options.IdPrefix, number), Capabilities(options, number), speed,
            random, options.FailureRate, timeProvider, logger);
    }
}
