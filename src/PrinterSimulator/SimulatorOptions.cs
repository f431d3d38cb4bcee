using System.Globalization;
using PrintFarm.Protocol;

namespace PrintFarm.PrinterSimulator;

/// <summary>How many virtual printers to run, where the broker is, and how they behave.</summary>
public sealed record SimulatorOptions
{
    public const int MaxPrinters = 100_000;
    public const double MaxTelemetryHz = 50;

    public int Printers { get; init; } = 20;
    public string BrokerHost { get; init; } = "127.0.0.1";
    public int BrokerPort { get; init; } = 1883;

    /// <summary>Chance (0..1) that a job fails somewhere during its run.</summary>
    public double FailureRate { get; init; } = 0.05;

    /// <summary>Same seed, same commands, same clock → same prints, speeds and failures.</summary>
    public int Seed { get; init; } = 42;

    public double TelemetryHz { get; init; } = 1;
    public string IdPrefix { get; init; } = "sim-";

    /// <summary>Loaded round-robin: printer 1 gets the first, printer 2 the second, and so on.</summary>
    public IReadOnlyList<string> Materials { get; init; } = ["PLA", "PETG"];

    /// <summary>Plain-language problems, empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Printers is < 1 or > MaxPrinters)
            errors.Add($"--printers must be between 1 and {MaxPrinters} (got {Printers}).");
        if (string.IsNullOrWhiteSpace(BrokerHost))
            errors.Add("The broker host is empty.");
        if (BrokerPort is < 1 or > 65535)
            errors.Add($"The broker port must be between 1 and 65535 (got {BrokerPort}).");
        if (double.IsNaN(FailureRate) || FailureRate is < 0 or > 1)
            errors.Add($"--failure-rate must be between 0 and 1 (got {FailureRate.ToString(CultureInfo.InvariantCulture)}).");
        if (double.IsNaN(TelemetryHz) || TelemetryHz <= 0 || TelemetryHz > MaxTelemetryHz)
            errors.Add($"--telemetry-hz must be above 0 and at most {MaxTelemetryHz} (got {TelemetryHz.ToString(CultureInfo.InvariantCulture)}).");

        // The id becomes a topic segment and a grain key, so the longest one must still be valid.
        var longestId = FleetRoster.PrinterId(IdPrefix ?? "", Math.Max(Printers, 1));
        if (IdPrefix is null || !PrinterId.IsValid(longestId))
            errors.Add($"--id-prefix '{IdPrefix}' does not make valid printer ids (letters, digits, '-', '_', '.'; at most {PrinterId.MaxLength} characters in all).");

        if (Materials is null || Materials.Count == 0)
            errors.Add("--materials needs at least one material, e.g. PLA,PETG.");
        else if (Materials.Any(string.IsNullOrWhiteSpace))
            errors.Add("--materials contains an empty name.");
        return errors;
    }

    /// <summary>
    /// Reads <c>host:port</c>, <c>host</c> (port 1883) or <c>[ipv6]:port</c>.
    /// </summary>
    public static bool TryParseBroker(string? text, out string host, out int port, out string error)
    {
        host = "";
        port = 1883;
        error = "";
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "--broker is empty; expected host:port, e.g. 127.0.0.1:1883.";
            return false;
        }

        string portText;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 2)
            {
                error = $"--broker '{text}' has an unterminated IPv6 address; expected [::1]:1883.";
                return false;
            }
            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length == 0) return true;
            if (rest[0] != ':')
            {
                error = $"--broker '{text}' is not host:port.";
                return false;
            }
            portText = rest[1..];
        }
        else
        {
            var colons = text.Count(c => c == ':');
            if (colons == 0)
            {
                host = text;
                return true;
            }
            if (colons > 1)
            {
                error = $"--broker '{text}' is ambiguous; write IPv6 addresses in brackets, e.g. [::1]:1883.";
                return false;
            }
            var colon = text.IndexOf(':');
            host = text[..colon];
            portText = text[(colon + 1)..];
        }

        if (host.Length == 0 || host.Any(char.IsWhiteSpace))
        {
            error = $"--broker '{text}' has no usable host name.";
            return false;
        }
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            error = $"--broker '{text}' has an invalid port; expected a number from 1 to 65535.";
            return false;
        }
        return true;
    }
}
