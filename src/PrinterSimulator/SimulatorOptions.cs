using System.Globalization;
using PrintFarm.PrinterSimulator.Dialects;
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

    /// <summary>
    /// The printers' logins on the farm's broker (<c>--logins FILE</c>, written by <c>./farm demo</c>):
    /// each printer logs in with its id and the password found here; one not in it connects
    /// without a password, and a broker that wants one refuses it.
    /// </summary>
    public PrintFarm.Protocol.PrinterLoginsFile? Logins { get; init; }

    internal string? PasswordOf(string printerId) => Logins?.PasswordOf(printerId);

    /// <summary>Chance (0..1) that a job fails somewhere during its run.</summary>
    public double FailureRate { get; init; } = 0.05;

    /// <summary>Same seed, same commands, same clock → same prints, speeds and failures.</summary>
    public int Seed { get; init; } = 42;

    public double TelemetryHz { get; init; } = 1;
    public string IdPrefix { get; init; } = "sim-";

    /// <summary>Loaded round-robin: printer 1 gets the first, printer 2 the second, and so on.</summary>
    public IReadOnlyList<string> Materials { get; init; } = ["PLA", "PETG"];

    /// <summary>What every printer speaks, unless <see cref="Dialects"/> mixes them.</summary>
    public PrinterDialect Dialect { get; init; } = PrinterDialect.Native;

    /// <summary>
    /// A mixed fleet: groups in printer-number order (bambu=2,octoprint=2 makes sim-001 and sim-002
    /// Bambu printers, sim-003 and sim-004 OctoPrint). Their counts must add up to <see cref="Printers"/>.
    /// </summary>
    public IReadOnlyList<DialectCount> Dialects { get; init; } = [];

    /// <summary>
    /// How long a file started through a real dialect prints (before the printer's speed factor) when
    /// the file is not on the printer or its slicer wrote no time: unlike the farm's own Start, their
    /// commands carry no estimate.
    /// </summary>
    public TimeSpan DialectPrintTime { get; init; } = SimulatedPrinter.DefaultJobDuration;

    /// <summary>Where simulated Bambu printers listen; each gets its own port from <see cref="BambuPortBase"/> up.</summary>
    public string BambuHost { get; init; } = "127.0.0.1";
    public int BambuPortBase { get; init; } = 8883;

    /// <summary>The LAN access code of every simulated Bambu printer (the MQTT password of user bblp).</summary>
    public string BambuAccessCode { get; init; } = "12345678";

    /// <summary>Behave like 2025 firmware without Developer Mode: reports yes, commands refused.</summary>
    public bool BambuRefuseCommands { get; init; }

    /// <summary>
    /// The folder the Bambu printers' FTPS server writes uploads into (<c>--bambu-sd-card</c>): their
    /// SD card. When set, <c>project_file</c> and <c>gcode_file</c> print only files found there, for
    /// the time their slicer wrote in them; when not, every start prints for <see cref="DialectPrintTime"/>.
    /// </summary>
    public string? BambuSdCard { get; init; }

    /// <summary>The implicit-FTPS port the farm uploads Bambu files to (written in fleet.json); the simulator does not listen on it.</summary>
    public int BambuFtpsPort { get; init; } = DefaultBambuFtpsPort;

    public const int DefaultBambuFtpsPort = 990;

    /// <summary>
    /// Loopback port of the HTTP file endpoints of the OctoPrint and Moonraker printers
    /// (<c>--files-port</c>); 0 takes a free one, named in fleet.json.
    /// </summary>
    public int FilesPort { get; init; }

    /// <summary>
    /// How much faster than its sliced time a file prints (<c>--file-time-scale</c>): 1 is real
    /// time; 0.004 prints a 12-minute cube in 3 s, so a test or a demo runs a farm from real files.
    /// </summary>
    public double FileTimeScale { get; init; } = 1;

    /// <summary>The largest upload a simulated printer takes; a bigger one is refused with 413 and not kept.</summary>
    public long MaxUploadBytes { get; init; } = DefaultMaxUploadBytes;

    public const long DefaultMaxUploadBytes = 1L << 30;

    /// <summary>Where the Bambu CA (reused across runs), the fleet manifest and the uploaded files (<c>files/{id}/</c>) are written.</summary>
    public string StateDirectory { get; init; } = Path.Combine(".farm", "simulator");

    /// <summary>True when some printer has HTTP file endpoints (OctoPrint or Moonraker).</summary>
    public bool HasFileEndpoints => Enumerable.Range(1, Math.Clamp(Printers, 0, MaxPrinters))
        .Any(n => DialectOf(n) is PrinterDialect.OctoPrint or PrinterDialect.Moonraker);

    /// <summary>OctoPrint-MQTT base topic per printer; <c>{id}</c> is replaced by the printer id.</summary>
    public string OctoPrintBaseTopic { get; init; } = "octoprint/{id}/";

    /// <summary>Moonraker <c>instance_name</c> per printer; <c>{id}</c> is replaced by the printer id.</summary>
    public string MoonrakerInstance { get; init; } = "{id}";

    /// <summary>
    /// First wait before a printer tries the broker again (after a failed try or a lost session);
    /// the waits double (on the median) up to <see cref="ReconnectMaxDelay"/>, with jitter (see <see cref="Backoff"/>).
    /// </summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The reconnect waits of every connection of the fleet, on <paramref name="network"/>.</summary>
    internal Backoff Reconnect(TimeProvider network) => new(ReconnectDelay, ReconnectMaxDelay, network);

    /// <summary>The dialect of printer number <paramref name="number"/> (from 1).</summary>
    public PrinterDialect DialectOf(int number)
    {
        if (Dialects.Count == 0) return Dialect;
        var upTo = 0;
        foreach (var group in Dialects)
        {
            upTo += group.Count;
            if (number <= upTo) return group.Dialect;
        }
        return Dialects[^1].Dialect;
    }

    public string OctoPrintBaseTopicFor(string printerId)
    {
        var topic = OctoPrintBaseTopic.Replace("{id}", printerId, StringComparison.Ordinal);
        return topic.EndsWith('/') ? topic : topic + "/";
    }

    public string MoonrakerInstanceFor(string printerId) => MoonrakerInstance.Replace("{id}", printerId, StringComparison.Ordinal);

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

        if (Dialects is null)
            errors.Add("The dialect mix is missing.");
        else if (Dialects.Count > 0 && Dialects.Sum(d => (long)d.Count) != Printers)
            errors.Add($"--dialects adds up to {Dialects.Sum(d => (long)d.Count)} printers but --printers is {Printers}.");
        if (!Enum.IsDefined(Dialect))
            errors.Add($"Unknown dialect {Dialect}.");
        if (DialectPrintTime <= TimeSpan.Zero)
            errors.Add("--print-seconds must be at least 1.");
        if (ReconnectDelay < TimeSpan.FromMilliseconds(10) || ReconnectDelay > TimeSpan.FromMinutes(1))
            errors.Add($"The reconnect delay must be between 10 ms and 1 minute (got {ReconnectDelay}).");
        if (ReconnectMaxDelay < ReconnectDelay || ReconnectMaxDelay > TimeSpan.FromHours(1))
            errors.Add($"The longest reconnect delay must be between the first one and 1 hour (got {ReconnectMaxDelay}).");
        var bambuPrinters = Enumerable.Range(1, Math.Clamp(Printers, 0, MaxPrinters)).Count(n => DialectOf(n) == PrinterDialect.Bambu);
        if (bambuPrinters > 0)
        {
            if (BambuPortBase < 1 || BambuPortBase + bambuPrinters - 1 > 65535)
                errors.Add($"--bambu-port {BambuPortBase} leaves no room for {bambuPrinters} Bambu printers (one port each, up to 65535).");
            if (!System.Net.IPAddress.TryParse(BambuHost, out _))
                errors.Add($"--bambu-host '{BambuHost}' is not an IP address to listen on.");
            if (string.IsNullOrEmpty(BambuAccessCode) || BambuAccessCode.Any(char.IsWhiteSpace))
                errors.Add("--bambu-access-code must be non-empty with no spaces.");
            if (string.IsNullOrWhiteSpace(StateDirectory))
                errors.Add("--state-dir is empty.");
            if (BambuSdCard is not null && string.IsNullOrWhiteSpace(BambuSdCard))
                errors.Add("--bambu-sd-card is empty; give the folder the FTPS server writes to, or leave the option out.");
            if (BambuFtpsPort is < 1 or > 65535)
                errors.Add($"--bambu-ftps-port must be between 1 and 65535 (got {BambuFtpsPort}).");
        }
        if (!(FileTimeScale > 0 && FileTimeScale <= 1000))
            errors.Add($"--file-time-scale must be above 0 and at most 1000 (got {FileTimeScale}).");
        if (HasFileEndpoints)
        {
            if (FilesPort is < 0 or > 65535)
                errors.Add($"--files-port must be between 0 (a free port) and 65535 (got {FilesPort}).");
            if (MaxUploadBytes < 1)
                errors.Add($"The upload size limit must be at least 1 byte (got {MaxUploadBytes}).");
            if (string.IsNullOrWhiteSpace(StateDirectory))
                errors.Add("--state-dir is empty.");
        }
        if (Enumerable.Range(1, Math.Clamp(Printers, 0, MaxPrinters)).Any(n => DialectOf(n) == PrinterDialect.OctoPrint))
        {
            var sample = OctoPrintBaseTopicFor(FleetRoster.PrinterId(IdPrefix ?? "", 1));
            if (!OctoPrintBaseTopic.Contains("{id}", StringComparison.Ordinal) || sample.Contains('+') || sample.Contains('#') || sample.StartsWith('/'))
                errors.Add($"--octoprint-base-topic '{OctoPrintBaseTopic}' must contain {{id}} and no '+', '#' or leading '/'.");
        }
        if (Enumerable.Range(1, Math.Clamp(Printers, 0, MaxPrinters)).Any(n => DialectOf(n) == PrinterDialect.Moonraker))
        {
            var sample = MoonrakerInstanceFor(FleetRoster.PrinterId(IdPrefix ?? "", 1));
            if (!MoonrakerInstance.Contains("{id}", StringComparison.Ordinal) || sample.IndexOfAny(['+', '#', '/']) >= 0)
                errors.Add($"--moonraker-instance '{MoonrakerInstance}' must contain {{id}} and no '+', '#' or '/'.");
        }
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
