using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PrintFarm.PrinterSimulator.Files;
using PrintFarm.Protocol;

namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>
/// Klipper behind Moonraker's MQTT component (PROTOCOLS.md §3) on the farm's broker:
/// retained <c>{instance}/moonraker/status</c> online (the will says offline),
/// <c>{instance}/klipper/status</c> with the full subscribed objects after connecting and only the
/// changed fields afterwards, stamped with Klipper's monotonic <c>eventtime</c>; JSON-RPC 2.0 on
/// <c>{instance}/moonraker/api/request</c> answered on <c>…/api/response</c> with the request's id.
/// </summary>
public sealed class MoonrakerSpeaker : IDialectSpeaker
{
    /// <summary>JSON-RPC "method not found".</summary>
    public const int MethodNotFound = -32601;
    public const int InvalidRequest = -32600;
    private const long FileSize = 2_356_004;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _printTime;
    private readonly ILogger _logger;
    private readonly DateTimeOffset _bootedAt;
    private readonly JsonObject _status;
    private readonly Dictionary<string, string> _sent = [];
    private string? _runningJob;
    private DateTimeOffset _startedAt;
    private double _filamentUsed;

    /// <param name="printTime">How long a file prints when it is not in <paramref name="storage"/> or its slicer did not say.</param>
    /// <param name="storage">The printer's <c>gcodes</c> root (uploaded over HTTP); null: every file prints for <paramref name="printTime"/>.</param>
    public MoonrakerSpeaker(SimulatedPrinter printer, string instance, TimeSpan printTime, TimeProvider timeProvider,
        ILogger? logger = null, PrinterStorage? storage = null)
    {
        ArgumentNullException.ThrowIfNull(printer);
        if (string.IsNullOrWhiteSpace(instance) || instance.IndexOfAny(['+', '#', '/']) >= 0)
            throw new ArgumentException($"Bad instance name '{instance}'.", nameof(instance));
        Printer = printer;
        Instance = instance;
        _printTime = printTime;
        Storage = storage;
        _time = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        // Klipper's clock counts from the host's boot, not from 1970.
        _bootedAt = timeProvider.GetUtcNow() - TimeSpan.FromSeconds(1000 + printer.Id.Sum(c => c) % 5000);
        _status = new JsonObject
        {
            ["webhooks"] = new JsonObject { ["state"] = "ready", ["state_message"] = "Printer is ready" },
            ["print_stats"] = new JsonObject
            {
                ["state"] = "standby",
                ["filename"] = "",
                ["print_duration"] = 0.0,
                ["total_duration"] = 0.0,
                ["filament_used"] = 0.0,
                ["message"] = "",
                ["info"] = new JsonObject { ["current_layer"] = null, ["total_layer"] = null },
            },
            ["virtual_sdcard"] = new JsonObject { ["progress"] = 0.0, ["is_active"] = false, ["file_position"] = 0, ["file_size"] = 0 },
            ["display_status"] = new JsonObject { ["progress"] = 0.0, ["message"] = null },
            ["idle_timeout"] = new JsonObject { ["state"] = "Idle" },
            ["extruder"] = new JsonObject { ["temperature"] = 0.0, ["target"] = 0.0, ["power"] = 0.0 },
            ["heater_bed"] = new JsonObject { ["temperature"] = 0.0, ["target"] = 0.0, ["power"] = 0.0 },
        };
    }

    public SimulatedPrinter Printer { get; }
    public PrinterDialect Dialect => PrinterDialect.Moonraker;

    /// <summary>Where the printer's uploaded files are, when it has any.</summary>
    public PrinterStorage? Storage { get; }
    public string Instance { get; }
    public string ServerStatusTopic => $"{Instance}/moonraker/status";
    public string KlipperStatusTopic => $"{Instance}/klipper/status";
    public string RequestTopic => $"{Instance}/moonraker/api/request";
    public string ResponseTopic => $"{Instance}/moonraker/api/response";

    public IReadOnlyList<string> CommandTopics => [RequestTopic];

    public DialectMessage? LastWill => ServerStatus("offline");

    public IReadOnlyList<DialectMessage> Connected()
    {
        lock (_gate)
        {
            _sent.Clear(); // the first status after connecting is the whole subscribed state
            var messages = new List<DialectMessage> { ServerStatus("online") };
            Changes(messages);
            return messages;
        }
    }

    public IReadOnlyList<DialectMessage> Stopping() => [ServerStatus("offline")];

    public IReadOnlyList<DialectMessage> Tick()
    {
        lock (_gate)
        {
            var tick = Printer.Tick();
            var messages = new List<DialectMessage>();
            foreach (var evt in tick.Events) OnEvent(evt, messages);
            ApplyTelemetry(tick.Telemetry);
            Changes(messages);
            return messages;
        }
    }

    public IReadOnlyList<DialectMessage> Command(string topic, ReadOnlySpan<byte> payload)
    {
        if (topic != RequestTopic) return [];
        JsonObject request;
        try
        {
            request = JsonNode.Parse(payload) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException ex)
        {
            _logger.LogWarning("{PrinterId} ignored an unreadable JSON-RPC request: {Error}", Printer.Id, ex.Message);
            return [];
        }
        var id = request["id"]?.DeepClone();
        var method = request["method"] is JsonValue m && m.TryGetValue(out string? name) ? name : null;

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var messages = new List<DialectMessage>();
            if (method is null || (request["jsonrpc"] as JsonValue)?.ToString() != "2.0")
            {
                Reply(messages, id, error: (InvalidRequest, "Invalid Request"));
                return messages;
            }
            switch (method)
            {
                case "printer.print.start":
                {
                    var filename = (request["params"] as JsonObject)?["filename"] is JsonValue f && f.TryGetValue(out string? fn) ? fn : null;
                    if (string.IsNullOrWhiteSpace(filename))
                    {
                        Reply(messages, id, error: (400, "No file name specified"));
                        break;
                    }
                    if (Printer.CurrentJobId is not null)
                    {
                        Reply(messages, id, error: (400, "Printer is already printing"));
                        break;
                    }
                    var jobId = DialectJobs.JobIdFromFile(filename);
                    var printTime = DialectJobs.PrintTimeOf(Storage, filename, _printTime);
                    var events = Printer.Handle(DialectJobs.Start(jobId, filename, printTime, now));
                    if (events.Any(e => e.Type == PrinterEventType.JobStarted && e.JobId == jobId))
                        _logger.LogInformation("{PrinterId} prints {File} for an estimated {EstimatedSeconds:F0} s", Printer.Id, filename,
                            printTime.TotalSeconds);
                    var refusal = events.FirstOrDefault(e => e.Type == PrinterEventType.JobFailed && e.JobId == jobId && jobId != _runningJob);
                    foreach (var evt in events.Where(e => e != refusal)) OnEvent(evt, messages, filename);
                    if (refusal is null) Reply(messages, id, result: "ok");
                    else Reply(messages, id, error: (400, refusal.Reason ?? "refused"));
                    break;
                }
                case "printer.print.pause":
                    Control(PrinterCommandType.Pause, now, id, messages);
                    break;
                case "printer.print.resume":
                    Control(PrinterCommandType.Resume, now, id, messages);
                    break;
                case "printer.print.cancel":
                    Control(PrinterCommandType.Cancel, now, id, messages);
                    break;
                case "printer.objects.query":
                    Reply(messages, id, result: new JsonObject { ["eventtime"] = EventTime(), ["status"] = _status.DeepClone() });
                    break;
                case "server.info":
                    Reply(messages, id, result: new JsonObject
                    {
                        ["klippy_connected"] = true,
                        ["klippy_state"] = "ready",
                        ["components"] = new JsonArray("mqtt", "file_manager", "klippy_apis"),
                        ["moonraker_version"] = "v0.9.3-simulated",
                    });
                    break;
                default:
                    Reply(messages, id, error: (MethodNotFound, $"Method not found: {method}"));
                    break;
            }
            Changes(messages);
            return messages;
        }
    }

    private void Control(PrinterCommandType type, DateTimeOffset now, JsonNode? id, List<DialectMessage> messages)
    {
        if (Printer.CurrentJobId is not { } current)
        {
            // Klipper's macros answer "not printing" in the console; the RPC itself succeeds.
            Reply(messages, id, result: "ok");
            return;
        }
        foreach (var evt in Printer.Handle(DialectJobs.Control(type, current, now))) OnEvent(evt, messages);
        Reply(messages, id, result: "ok");
    }

    private void OnEvent(PrinterEventMessage evt, List<DialectMessage> messages, string? file = null)
    {
        var stats = (JsonObject)_status["print_stats"]!;
        var sdcard = (JsonObject)_status["virtual_sdcard"]!;
        switch (evt.Type)
        {
            case PrinterEventType.JobStarted:
                Changes(messages); // the previous job's last state goes out on its own
                _runningJob = evt.JobId;
                _startedAt = evt.At ?? _time.GetUtcNow();
                _filamentUsed = 0;
                stats["state"] = "printing";
                stats["filename"] = file ?? evt.JobId + ".gcode";
                stats["print_duration"] = 0.0;
                stats["total_duration"] = 0.0;
                stats["filament_used"] = 0.0;
                stats["message"] = "";
                stats["info"] = new JsonObject { ["current_layer"] = 0, ["total_layer"] = LayersOf(evt.JobId) };
                sdcard["progress"] = 0.0;
                sdcard["is_active"] = true;
                sdcard["file_position"] = 0;
                sdcard["file_size"] = FileSize;
                _status["idle_timeout"]!["state"] = "Printing";
                break;
            case PrinterEventType.JobPaused when evt.JobId == _runningJob:
                stats["state"] = "paused";
                sdcard["is_active"] = false;
                break;
            case PrinterEventType.JobResumed when evt.JobId == _runningJob:
                stats["state"] = "printing";
                sdcard["is_active"] = true;
                break;
            case PrinterEventType.JobFinished when evt.JobId == _runningJob:
                Ended(evt, "complete", "");
                sdcard["progress"] = 1.0;
                sdcard["file_position"] = FileSize;
                _status["display_status"]!["progress"] = 1.0;
                break;
            case PrinterEventType.JobFailed when evt.JobId == _runningJob:
                Ended(evt, "error", evt.Reason ?? "error");
                break;
            case PrinterEventType.JobCancelled when evt.JobId == _runningJob:
                Ended(evt, "cancelled", "");
                break;
            default:
                _logger.LogDebug("{PrinterId} has no Klipper state for {EventType} of {JobId}", Printer.Id, evt.Type, evt.JobId);
                return;
        }
        Changes(messages);
    }

    private void Ended(PrinterEventMessage evt, string state, string message)
    {
        var stats = (JsonObject)_status["print_stats"]!;
        _runningJob = null;
        if (evt.ElapsedSeconds is { } elapsed) stats["print_duration"] = (double)elapsed;
        stats["total_duration"] = Math.Round(((evt.At ?? _time.GetUtcNow()) - _startedAt).TotalSeconds, 2);
        stats["state"] = state;
        stats["message"] = message;
        _status["virtual_sdcard"]!["is_active"] = false;
        _status["idle_timeout"]!["state"] = "Ready";
    }

    private void ApplyTelemetry(PrinterTelemetryMessage t)
    {
        var stats = (JsonObject)_status["print_stats"]!;
        if (t.JobId is not null && t.JobId == _runningJob)
        {
            var fraction = Math.Round(Math.Clamp((t.Progress ?? 0) / 100, 0, 1), 4);
            _status["virtual_sdcard"]!["progress"] = fraction;
            _status["virtual_sdcard"]!["file_position"] = (long)(FileSize * fraction);
            _status["display_status"]!["progress"] = fraction;
            if (t.ElapsedSeconds is { } elapsed)
            {
                stats["print_duration"] = (double)elapsed;
                _filamentUsed = Math.Round(elapsed * 1.7, 1); // mm of filament, roughly 1.7 mm/s
                stats["filament_used"] = _filamentUsed;
            }
            stats["total_duration"] = Math.Round(((t.At ?? _time.GetUtcNow()) - _startedAt).TotalSeconds, 1);
            if (stats["info"] is JsonObject info && info["total_layer"] is JsonValue total)
                info["current_layer"] = Math.Min((int)total, (int)Math.Floor(fraction * (int)total) + 1);
        }
        // Klipper reports temperatures to the hundredth; rounding keeps every tick from being a change (moonraker#434).
        if (t.Nozzle is { } nozzle) Heater("extruder", nozzle);
        if (t.Bed is { } bed) Heater("heater_bed", bed);
    }

    private void Heater(string name, Temperature reading)
    {
        var heater = (JsonObject)_status[name]!;
        heater["temperature"] = Math.Round(reading.Actual, 1);
        heater["target"] = reading.Target;
        heater["power"] = reading.Target <= 0 ? 0.0 : Math.Round(Math.Clamp((reading.Target - reading.Actual) / 20 + 0.3, 0, 1), 2);
    }

    /// <summary>Adds a <c>klipper/status</c> with the fields that changed since the last one, if any.</summary>
    private void Changes(List<DialectMessage> messages)
    {
        var changed = new JsonObject();
        foreach (var (objectName, node) in _status)
        {
            var fields = (JsonObject)node!;
            JsonObject? objectChanges = null;
            foreach (var (field, value) in fields)
            {
                var key = objectName + "." + field;
                var text = value?.ToJsonString() ?? "null";
                if (_sent.TryGetValue(key, out var sent) && sent == text) continue;
                _sent[key] = text;
                (objectChanges ??= [])[field] = value?.DeepClone();
            }
            if (objectChanges is not null) changed[objectName] = objectChanges;
        }
        if (changed.Count == 0) return;
        // A change of print state is a job event to the farm: send it at QoS 1 (Moonraker's default_qos: 1).
        var stateChanged = (changed["print_stats"] as JsonObject)?.ContainsKey("state") == true;
        messages.Add(DialectMessage.Json(KlipperStatusTopic, new JsonObject { ["eventtime"] = EventTime(), ["status"] = changed },
            reliable: stateChanged));
    }

    private void Reply(List<DialectMessage> messages, JsonNode? id, JsonNode? result = null, (int Code, string Message)? error = null)
    {
        if (id is null) return; // a notification: JSON-RPC sends no reply
        var reply = new JsonObject { ["jsonrpc"] = "2.0" };
        if (error is { } e) reply["error"] = new JsonObject { ["code"] = e.Code, ["message"] = e.Message };
        else reply["result"] = result;
        reply["id"] = id;
        messages.Add(DialectMessage.Json(ResponseTopic, reply, reliable: true));
    }

    private DialectMessage ServerStatus(string state) =>
        DialectMessage.Json(ServerStatusTopic, new JsonObject { ["server"] = state }, reliable: true, retain: true);

    private double EventTime() => Math.Round((_time.GetUtcNow() - _bootedAt).TotalSeconds, 3);

    private static int LayersOf(string jobId) => 100 + (int)((uint)jobId.Length * 37 % 200);
}
