using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PrintFarm.PrinterSimulator.Files;
using PrintFarm.Protocol;

namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>
/// A Bambu Lab printer in LAN mode (PROTOCOLS.md §1), P1 style: <c>device/{serial}/report</c>
/// carries only the <c>print</c> fields that changed since the last report (<c>msg: 1</c>), and the
/// whole picture (<c>msg: 0</c>) only when a client asks with <c>pushall</c>. A finished job stays
/// FINISH, a failed one FAILED with <c>print_error</c> and an <c>hms</c> alert; a cancel first
/// sends <c>print_error</c> 0x0300400C, then FAILED, and clears the code a few seconds later.
/// Obeys pause, resume, stop, <c>project_file</c> and <c>gcode_file</c> on <c>device/{serial}/request</c>;
/// with an SD card (the folder its FTPS server writes to) it prints only files that are on it,
/// for the time their slicer wrote in them.
/// </summary>
public sealed class BambuSpeaker : IDialectSpeaker
{
    /// <summary><c>print_error</c> of a user cancel ("The task was canceled.").</summary>
    public const long CancelledCode = 50348044;

    /// <summary>What 2025 "Authorization Control" firmware answers to software it does not trust.</summary>
    public const string RefusedReason = "mqtt message verify failed";

    // Real printers hold an error until someone looks; the simulator clears it so the farm can
    // send the next job (the outcome itself stays: FAILED persists until the next start).
    private static readonly TimeSpan ErrorClearsAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CancelCodeClearsAfter = TimeSpan.FromSeconds(3);
    /// <summary>What the printer answers to starting a file that is not on its card.</summary>
    public const string MissingFileReason = "file not found on the SD card";

    private const string SdCardPrefix = "/sdcard/";

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _printTime;
    private readonly ILogger _logger;
    private readonly JsonObject _state;
    private readonly Dictionary<string, string> _sent = [];
    private long _sequence;
    private string? _runningJob;
    private TimeSpan _runningEstimate;
    private string _runningGcodeFile = "";
    private DateTimeOffset? _clearErrorsAt;

    /// <param name="printTime">How long every started file prints (before the printer's own speed factor).</param>
    /// <param name="refuseControl">Behave like firmware with Authorization Control and no Developer Mode: telemetry yes, commands refused.</param>
    /// <param name="sdCard">The printer's SD card; null: no card is modelled, every started file prints for <paramref name="printTime"/>.</param>
    public BambuSpeaker(SimulatedPrinter printer, string serial, TimeSpan printTime, TimeProvider timeProvider,
        ILogger? logger = null, bool refuseControl = false, PrinterStorage? sdCard = null)
    {
        ArgumentNullException.ThrowIfNull(printer);
        ArgumentException.ThrowIfNullOrWhiteSpace(serial);
        Printer = printer;
        Serial = serial;
        _printTime = printTime;
        _runningEstimate = printTime;
        SdCard = sdCard;
        _time = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        RefuseControl = refuseControl;
        ReportTopic = $"device/{serial}/report";
        RequestTopic = $"device/{serial}/request";
        _state = new JsonObject
        {
            ["gcode_state"] = "IDLE",
            ["mc_percent"] = 0,
            ["mc_remaining_time"] = 0,
            ["layer_num"] = 0,
            ["total_layer_num"] = 0,
            ["nozzle_temper"] = 0.0,
            ["nozzle_target_temper"] = 0.0,
            ["bed_temper"] = 0.0,
            ["bed_target_temper"] = 0.0,
            ["chamber_temper"] = 5, // a placeholder on P1, as on the real thing
            ["subtask_name"] = "",
            ["gcode_file"] = "",
            ["gcode_start_time"] = "0",
            ["gcode_file_prepare_percent"] = "0",
            ["print_type"] = "idle",
            ["print_error"] = 0,
            ["hms"] = new JsonArray(),
            ["stg_cur"] = 255,
            ["spd_lvl"] = 2,
            ["spd_mag"] = 100,
            ["cooling_fan_speed"] = "0",
            ["heatbreak_fan_speed"] = "0",
            ["wifi_signal"] = "-52dBm",
            ["nozzle_diameter"] = printer.Capabilities.NozzleDiameter.ToString("0.0", CultureInfo.InvariantCulture),
            ["sdcard"] = true,
            ["ams"] = new JsonObject
            {
                ["ams"] = new JsonArray(new JsonObject
                {
                    ["id"] = "0",
                    ["tray"] = new JsonArray(new JsonObject
                    {
                        ["id"] = "0",
                        ["tray_type"] = printer.LoadedMaterial,
                        ["tray_color"] = "FFFFFFFF",
                        ["remain"] = 80,
                    }),
                }),
                ["tray_now"] = "0",
            },
        };
    }

    public SimulatedPrinter Printer { get; }
    public PrinterDialect Dialect => PrinterDialect.Bambu;
    public string Serial { get; }
    public bool RefuseControl { get; }

    /// <summary>The folder standing in for the SD card, when there is one.</summary>
    public PrinterStorage? SdCard { get; }
    public string ReportTopic { get; }
    public string RequestTopic { get; }
    public IReadOnlyList<string> CommandTopics => [RequestTopic];

    /// <summary>The printer runs the broker: there is no will to leave anywhere.</summary>
    public DialectMessage? LastWill => null;

    /// <summary>Nothing: a real printer does not greet a client; the client asks with <c>pushall</c>.</summary>
    public IReadOnlyList<DialectMessage> Connected() => [];

    public IReadOnlyList<DialectMessage> Stopping() => [];

    public IReadOnlyList<DialectMessage> Tick()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var tick = Printer.Tick();
            var messages = new List<DialectMessage>();
            foreach (var evt in tick.Events) OnEvent(evt, now, messages);
            ApplyTelemetry(tick.Telemetry);
            if (_clearErrorsAt is { } due && now >= due)
            {
                _state["print_error"] = 0;
                _state["hms"] = new JsonArray();
                _clearErrorsAt = null;
            }
            Delta(messages);
            return messages;
        }
    }

    public IReadOnlyList<DialectMessage> Command(string topic, ReadOnlySpan<byte> payload)
    {
        if (topic != RequestTopic) return [];
        JsonObject root;
        try
        {
            root = JsonNode.Parse(payload) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException ex)
        {
            _logger.LogWarning("{PrinterId} ignored an unreadable request ({Bytes} bytes): {Error}", Printer.Id, payload.Length, ex.Message);
            return [];
        }

        lock (_gate)
        {
            var messages = new List<DialectMessage>();
            var now = _time.GetUtcNow();
            if (root["pushing"] is JsonObject pushing)
            {
                if (Text(pushing["command"]) == "pushall") messages.Add(Full());
            }
            else if (root["info"] is JsonObject info && Text(info["command"]) == "get_version")
            {
                messages.Add(Report(new JsonObject
                {
                    ["info"] = new JsonObject
                    {
                        ["command"] = "get_version",
                        ["sequence_id"] = Text(info["sequence_id"]) ?? "0",
                        ["module"] = new JsonArray(
                            new JsonObject { ["name"] = "ota", ["hw_ver"] = "", ["sw_ver"] = "01.08.02.00", ["sn"] = Serial },
                            new JsonObject { ["name"] = "mc", ["hw_ver"] = "MC07", ["sw_ver"] = "00.00.30.50", ["sn"] = Serial }),
                        ["result"] = "success",
                    },
                }));
            }
            else if (root["print"] is JsonObject print)
            {
                PrintCommand(print, now, messages);
            }
            return messages;
        }
    }

    private void PrintCommand(JsonObject print, DateTimeOffset now, List<DialectMessage> messages)
    {
        var command = Text(print["command"]);
        var sequence = Text(print["sequence_id"]) ?? "0";
        PrinterCommandType? control = command switch
        {
            "pause" => PrinterCommandType.Pause,
            "resume" => PrinterCommandType.Resume,
            "stop" => PrinterCommandType.Cancel,
            _ => null,
        };
        if (command is null || (control is null && command is not ("project_file" or "gcode_file")))
        {
            // gcode_line, print_speed, ledctrl…: accepted, not modelled.
            if (command is not null && command != "push_status") messages.Add(Ack(print, sequence, null));
            return;
        }
        if (RefuseControl)
        {
            _logger.LogInformation("{PrinterId} refused {Command}: firmware authorization control", Printer.Id, command);
            messages.Add(Ack(print, sequence, RefusedReason));
            return;
        }

        if (control is { } type)
        {
            if (Printer.CurrentJobId is not { } current)
            {
                messages.Add(Ack(print, sequence, "no print task"));
                return;
            }
            var events = Printer.Handle(DialectJobs.Control(type, current, now));
            messages.Add(Ack(print, sequence, null));
            foreach (var evt in events) OnEvent(evt, now, messages);
            Delta(messages);
            return;
        }

        // project_file names a 3MF on the card and the plate inside it; gcode_file a plain G-code on the card.
        var project = command == "project_file";
        var url = project ? Text(print["url"]) ?? "" : Text(print["param"]) ?? "";
        var cardName = project ? CardNameOfUrl(url) : PrinterStorage.Normalize(url, SdCardPrefix);
        var plate = project ? PlateOf(Text(print["param"])) : 1;
        var jobId = Text(print["subtask_name"]) is { Length: > 0 } name ? name : DialectJobs.JobIdFromFile(url);
        if (jobId.Length == 0)
        {
            messages.Add(Ack(print, sequence, project ? "no subtask_name or url" : "no file"));
            return;
        }
        var printTime = _printTime;
        if (SdCard is not null)
        {
            if (SdCard.Find(cardName) is not { } path)
            {
                _logger.LogWarning("{PrinterId} refused {Command} of {File}: not on the SD card", Printer.Id, command, cardName ?? url);
                messages.Add(Ack(print, sequence, MissingFileReason));
                return;
            }
            printTime = SdCard.PrintTimeOf(cardName, plate) ?? _printTime;
            _logger.LogInformation("{PrinterId} prints {File} (plate {Plate}) from the SD card for an estimated {EstimatedSeconds:F0} s",
                Printer.Id, cardName, plate, printTime.TotalSeconds);
        }
        var started = Printer.Handle(DialectJobs.Start(jobId, url, printTime, now));
        if (started.Any(e => e.Type == PrinterEventType.JobStarted && e.JobId == jobId))
        {
            _runningEstimate = printTime;
            _runningGcodeFile = project ? $"/data/Metadata/plate_{plate}.gcode" : SdCardPrefix + (cardName ?? url.TrimStart('/'));
        }
        var refusal = started.FirstOrDefault(e => e.Type == PrinterEventType.JobFailed && e.JobId == jobId && jobId != _runningJob);
        messages.Add(Ack(print, sequence, refusal?.Reason));
        foreach (var evt in started.Where(e => e != refusal)) OnEvent(evt, now, messages);
        Delta(messages);
    }

    private void OnEvent(PrinterEventMessage evt, DateTimeOffset now, List<DialectMessage> messages)
    {
        switch (evt.Type)
        {
            case PrinterEventType.JobStarted:
                Delta(messages); // whatever was pending belongs to the previous job
                _runningJob = evt.JobId;
                _clearErrorsAt = null;
                _state["gcode_state"] = "PREPARE";
                _state["subtask_name"] = evt.JobId;
                _state["gcode_file"] = _runningGcodeFile;
                _state["gcode_start_time"] = (evt.At ?? now).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                _state["gcode_file_prepare_percent"] = "100";
                _state["print_type"] = "local";
                _state["mc_percent"] = 0;
                _state["mc_remaining_time"] = (int)Math.Ceiling(_runningEstimate.TotalMinutes * Printer.SpeedFactor);
                _state["layer_num"] = 0;
                _state["total_layer_num"] = LayersOf(evt.JobId);
                _state["print_error"] = 0;
                _state["hms"] = new JsonArray();
                _state["stg_cur"] = 2;
                Delta(messages);
                _state["gcode_state"] = "RUNNING";
                _state["stg_cur"] = 0;
                _state["cooling_fan_speed"] = "15";
                Delta(messages);
                break;
            case PrinterEventType.JobPaused when evt.JobId == _runningJob:
                _state["gcode_state"] = "PAUSE";
                _state["stg_cur"] = 16;
                Delta(messages);
                break;
            case PrinterEventType.JobResumed when evt.JobId == _runningJob:
                _state["gcode_state"] = "RUNNING";
                _state["stg_cur"] = 0;
                Delta(messages);
                break;
            case PrinterEventType.JobFinished when evt.JobId == _runningJob:
                _runningJob = null;
                _state["mc_percent"] = 100;
                _state["mc_remaining_time"] = 0;
                _state["layer_num"] = _state["total_layer_num"]?.DeepClone();
                _state["gcode_state"] = "FINISH";
                Idle();
                Delta(messages);
                break;
            case PrinterEventType.JobFailed when evt.JobId == _runningJob:
            {
                _runningJob = null;
                var (printError, attr, code) = FailureCodes(evt.Reason);
                _state["print_error"] = printError;
                _state["hms"] = new JsonArray(new JsonObject { ["attr"] = attr, ["code"] = code });
                _state["gcode_state"] = "FAILED";
                Idle();
                _clearErrorsAt = now + ErrorClearsAfter;
                Delta(messages);
                break;
            }
            case PrinterEventType.JobCancelled when evt.JobId == _runningJob:
                // The code comes first, in a report of its own; FAILED follows (PROTOCOLS.md §1.5).
                _runningJob = null;
                _state["print_error"] = CancelledCode;
                Delta(messages);
                _state["gcode_state"] = "FAILED";
                Idle();
                _clearErrorsAt = now + CancelCodeClearsAfter;
                Delta(messages);
                break;
            default:
                _logger.LogDebug("{PrinterId} has no Bambu report for {EventType} of {JobId}", Printer.Id, evt.Type, evt.JobId);
                break;
        }
    }

    private void Idle()
    {
        _state["stg_cur"] = 255;
        _state["print_type"] = "idle";
        _state["cooling_fan_speed"] = "0";
    }

    private void ApplyTelemetry(PrinterTelemetryMessage t)
    {
        if (t.JobId is not null && t.JobId == _runningJob)
        {
            var progress = t.Progress ?? 0;
            _state["mc_percent"] = (int)Math.Floor(progress);
            if (t.RemainingSeconds is { } remaining) _state["mc_remaining_time"] = (int)Math.Ceiling(remaining / 60.0);
            var total = (int?)_state["total_layer_num"] ?? 0;
            _state["layer_num"] = Math.Clamp((int)Math.Floor(progress / 100 * total), 0, total);
        }
        if (t.Nozzle is { } nozzle)
        {
            _state["nozzle_temper"] = Math.Round(nozzle.Actual, 1);
            _state["nozzle_target_temper"] = nozzle.Target;
        }
        if (t.Bed is { } bed)
        {
            _state["bed_temper"] = Math.Round(bed.Actual, 1);
            _state["bed_target_temper"] = bed.Target;
        }
    }

    /// <summary>Adds a report of the fields changed since the last report, if any.</summary>
    private void Delta(List<DialectMessage> messages)
    {
        var print = new JsonObject { ["command"] = "push_status", ["msg"] = 1, ["sequence_id"] = NextSequence() };
        var changed = false;
        foreach (var (key, value) in _state)
        {
            var text = value?.ToJsonString() ?? "null";
            if (_sent.TryGetValue(key, out var sent) && sent == text) continue;
            _sent[key] = text;
            print[key] = value?.DeepClone();
            changed = true;
        }
        if (changed) messages.Add(Report(new JsonObject { ["print"] = print }));
    }

    /// <summary>The whole <c>print</c> object, as after <c>pushall</c>.</summary>
    private DialectMessage Full()
    {
        var print = new JsonObject { ["command"] = "push_status", ["msg"] = 0, ["sequence_id"] = NextSequence() };
        foreach (var (key, value) in _state)
        {
            _sent[key] = value?.ToJsonString() ?? "null";
            print[key] = value?.DeepClone();
        }
        return Report(new JsonObject { ["print"] = print });
    }

    private DialectMessage Ack(JsonObject request, string sequence, string? refusal)
    {
        var echo = (JsonObject)request.DeepClone();
        echo["sequence_id"] = sequence;
        echo["result"] = refusal is null ? "success" : "failed";
        echo["reason"] = refusal ?? "";
        if (refusal == RefusedReason) echo["err_code"] = 84033543;
        return Report(new JsonObject { ["print"] = echo });
    }

    /// <summary><c>ftp:///job.gcode.3mf</c> (newer models) or <c>file:///sdcard/job.gcode.3mf</c> (X1/P1/A1) → <c>job.gcode.3mf</c>.</summary>
    public static string? CardNameOfUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        var path = url.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase) ? url["ftp://".Length..]
            : url.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? url["file://".Length..]
            : url;
        return PrinterStorage.Normalize(Uri.UnescapeDataString(path), SdCardPrefix);
    }

    /// <summary><c>Metadata/plate_3.gcode</c> → 3; plate 1 when the param does not say.</summary>
    public static int PlateOf(string? param)
    {
        const string prefix = "Metadata/plate_";
        var text = param?.TrimStart('/') ?? "";
        if (!text.StartsWith(prefix, StringComparison.Ordinal) || !text.EndsWith(".gcode", StringComparison.Ordinal)) return 1;
        var number = text[prefix.Length..^".gcode".Length];
        return int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var plate) && plate >= 1 ? plate : 1;
    }

    private DialectMessage Report(JsonObject body) => DialectMessage.Json(ReportTopic, body);

    private string NextSequence() => (++_sequence).ToString(CultureInfo.InvariantCulture);

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out string? s) ? s : node is JsonValue n ? n.ToJsonString() : null;

    private static int LayersOf(string jobId) => 120 + (int)((uint)StableHash(jobId) % 240);

    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var c in s) h = unchecked(h * 31 + c);
        return h;
    }

    /// <summary>A <c>print_error</c> and a serious HMS alert for each of the model's failure reasons.</summary>
    public static (long PrintError, long HmsAttr, long HmsCode) FailureCodes(string? reason) => reason switch
    {
        "filament runout" => (0x0700_8006, 0x0700_0100, 0x0002_0004),
        "spaghetti detected" => (0x0C00_8001, 0x0C00_0300, 0x0002_0001),
        "bed adhesion lost" => (0x0C00_8005, 0x0C00_0300, 0x0002_0005),
        "layer shift" => (0x0300_8010, 0x0300_0100, 0x0002_0010),
        "nozzle clog" => (0x0300_8003, 0x0300_0100, 0x0002_0003),
        _ => (0x0300_8000, 0x0300_0100, 0x0002_0000),
    };
}
