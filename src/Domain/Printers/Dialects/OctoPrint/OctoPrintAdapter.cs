using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PrintFarm.Printers;
using PrintFarm.Protocol;

namespace PrintFarm.Printers.Dialects;

/// <summary>
/// One OctoPrint instance publishing through the OctoPrint-MQTT plugin under its own base topic
/// (e.g. <c>farm/octo-07/</c>), turned into the normalized model (PROTOCOLS.md §2). Sub-topics:
/// <c>mqtt</c> (plain <c>connected</c>/<c>disconnected</c>), <c>event/&lt;Name&gt;</c>,
/// <c>progress/printing</c>, <c>temperature/&lt;tool0|bed|…&gt;</c>; anything else is ignored.
/// Keeps a per-printer cache. Not thread-safe: one caller per printer.
/// </summary>
/// <remarks>
/// OctoPrint publishes no state on connect (events are not retained), so until the first
/// <c>PrinterStateChanged</c>/print event (or a progress message with <c>printerData</c> on) the
/// activity is unknown and no telemetry is returned.
/// </remarks>
public sealed class OctoPrintAdapter
{
    private readonly string _printerId;
    private bool? _mqttConnected;
    private bool? _printerConnected;
    private PrinterActivity? _activity;
    private string? _jobId;
    private string? _startMarker;
    private bool _outcomeReported;
    private int _pauses;
    private double? _progress;
    private int? _remaining;
    private int? _elapsed;
    private double? _nozzle, _nozzleTarget, _bed, _bedTarget;
    private PrinterError? _error;

    public OctoPrintAdapter(string printerId, string baseTopic)
    {
        if (!PrinterId.IsValid(printerId)) throw new ArgumentException($"Bad printer id '{printerId}'.", nameof(printerId));
        if (string.IsNullOrWhiteSpace(baseTopic) || baseTopic.Contains('+') || baseTopic.Contains('#'))
            throw new ArgumentException($"Bad base topic '{baseTopic}'.", nameof(baseTopic));
        _printerId = printerId;
        BaseTopic = baseTopic.EndsWith('/') ? baseTopic : baseTopic + "/";
    }

    /// <summary>Always ends with '/'.</summary>
    public string BaseTopic { get; }

    /// <summary>The subscription filter for this instance.</summary>
    public string SubscriptionFilter => BaseTopic + "#";

    /// <summary>True when <c>mqtt</c> said connected and the printer is not known to be disconnected from OctoPrint.</summary>
    public bool Online => _mqttConnected == true && _printerConnected != false;

    /// <summary>
    /// One message from this instance. Throws <see cref="FormatException"/> or
    /// <see cref="System.Text.Json.JsonException"/> for a payload that cannot mean anything.
    /// </summary>
    public DialectUpdate Handle(string topic, ReadOnlySpan<byte> payload, DateTimeOffset receivedAt)
    {
        if (!topic.StartsWith(BaseTopic, StringComparison.Ordinal)) throw new FormatException($"Topic '{topic}' is not under '{BaseTopic}'.");
        var sub = topic[BaseTopic.Length..];
        if (payload.Length > DialectJson.MaxPayloadBytes) throw new FormatException("Payload too large.");

        if (sub == "mqtt") return Connection(payload, receivedAt);
        if (sub.StartsWith("event/", StringComparison.Ordinal)) return Event(sub["event/".Length..], DialectJson.ParseObject(payload), receivedAt);
        if (sub == "progress/printing") return Progress(DialectJson.ParseObject(payload), receivedAt);
        if (sub.StartsWith("temperature/", StringComparison.Ordinal)) return Temperature(sub["temperature/".Length..], DialectJson.ParseObject(payload), receivedAt);
        return DialectUpdate.Empty;
    }

    private DialectUpdate Connection(ReadOnlySpan<byte> payload, DateTimeOffset at)
    {
        var text = Encoding.UTF8.GetString(payload).Trim().Trim('"').Trim();
        _mqttConnected = text.ToLowerInvariant() switch
        {
            "connected" => true,
            "disconnected" => false,
            _ => throw new FormatException($"Unknown connection state '{(text.Length > 40 ? text[..40] : text)}'."),
        };
        return new DialectUpdate { Status = new PrinterStatusReport { Online = Online, ReceivedAt = at }, Telemetry = Telemetry(at), Errors = Errors() };
    }

    private DialectUpdate Event(string name, JsonObject p, DateTimeOffset at)
    {
        var wasOnline = Online;
        var events = new List<PrinterJobEvent>();
        switch (name)
        {
            case "PrintStarted":
            {
                var marker = Stamp(p["_timestamp"]) ?? "?";
                var job = JobFrom(p);
                var duplicate = job == _jobId && marker == _startMarker && marker != "?";
                _jobId = job;
                _activity = PrinterActivity.Printing;
                _error = null;
                if (!duplicate)
                {
                    _startMarker = marker;
                    _outcomeReported = false;
                    _pauses = 0;
                    _progress = 0;
                    _remaining = null;
                    _elapsed = 0;
                }
                Add(events, PrinterEventType.JobStarted, null, null, at);
                break;
            }
            case "PrintDone":
                _activity = PrinterActivity.Idle;
                _progress = 100;
                _remaining = 0;
                Outcome(events, p, PrinterEventType.JobFinished, null, at);
                break;
            case "PrintFailed":
            {
                _activity = PrinterActivity.Idle;
                var reason = DialectJson.String(p["reason"]);
                if (reason == "cancelled") Outcome(events, p, PrinterEventType.JobCancelled, "cancelled", at);
                else Outcome(events, p, PrinterEventType.JobFailed, reason ?? "error", at);
                break;
            }
            case "PrintCancelled":
                _activity = PrinterActivity.Idle;
                Outcome(events, p, PrinterEventType.JobCancelled, "cancelled", at);
                break;
            case "PrintCancelling":
                _activity = PrinterActivity.Cancelling;
                break;
            case "PrintPaused":
                _activity = PrinterActivity.Paused;
                _pauses++;
                Add(events, PrinterEventType.JobPaused, null, null, at, JobFrom(p), _pauses.ToString(CultureInfo.InvariantCulture));
                break;
            case "PrintResumed":
                _activity = PrinterActivity.Printing;
                Add(events, PrinterEventType.JobResumed, null, null, at, JobFrom(p), _pauses.ToString(CultureInfo.InvariantCulture));
                break;
            case "Error":
            {
                var text = DialectJson.String(p["error"]);
                _error = new PrinterError("octoprint.error", PrinterErrorSeverity.Serious, null, text is { Length: > 500 } ? text[..500] : text);
                _activity = PrinterActivity.Error;
                break;
            }
            case "Connected":
                _printerConnected = true;
                break;
            case "Disconnected":
                _printerConnected = false;
                break;
            case "PrinterStateChanged":
                StateChanged(DialectJson.String(p["state_id"]) ?? throw new FormatException("PrinterStateChanged without state_id."));
                break;
            default:
                return DialectUpdate.Empty;
        }
        return new DialectUpdate
        {
            Telemetry = Telemetry(at),
            Events = events,
            Errors = Errors(),
            Status = Online != wasOnline ? new PrinterStatusReport { Online = Online, ReceivedAt = at } : null,
        };
    }

    /// <summary><c>state_id</c> values of OctoPrint 1.11 (PROTOCOLS.md §2).</summary>
    private void StateChanged(string stateId)
    {
        switch (stateId.ToUpperInvariant())
        {
            case "OPERATIONAL": _printerConnected = true; _activity = PrinterActivity.Idle; _error = null; break;
            case "STARTING": case "TRANSFERING_FILE": _printerConnected = true; _activity = PrinterActivity.Preparing; break;
            case "PRINTING": case "FINISHING": _printerConnected = true; _activity = PrinterActivity.Printing; _error = null; break;
            case "PAUSING": _printerConnected = true; _activity = PrinterActivity.Pausing; break;
            case "PAUSED": _printerConnected = true; _activity = PrinterActivity.Paused; break;
            case "RESUMING": _printerConnected = true; _activity = PrinterActivity.Resuming; break;
            case "CANCELLING": _printerConnected = true; _activity = PrinterActivity.Cancelling; break;
            case "ERROR": _printerConnected = true; _activity = PrinterActivity.Error; break;
            case "CLOSED_WITH_ERROR": _printerConnected = false; _activity = PrinterActivity.Error; break;
            case "OFFLINE": case "CLOSED": case "NONE": case "OPEN_SERIAL": case "DETECT_SERIAL": case "CONNECTING":
                _printerConnected = false; break;
            default: _activity = PrinterActivity.Error; break; // UNKNOWN and anything newer
        }
    }

    private DialectUpdate Progress(JsonObject p, DateTimeOffset at)
    {
        if (DialectJson.Number(p["progress"]) is { } progress) _progress = Math.Clamp(progress, 0, 100);
        if (_jobId is null && JobFrom(p) is { } job) _jobId = job;
        if (p["printer_data"] is JsonObject data)
        {
            if (data["state"]?["flags"] is JsonObject f)
            {
                bool Flag(string k) => f[k] is JsonValue v && v.TryGetValue(out bool b) && b;
                _activity = Flag("cancelling") ? PrinterActivity.Cancelling
                    : Flag("pausing") ? PrinterActivity.Pausing
                    : Flag("paused") ? PrinterActivity.Paused
                    : Flag("printing") ? PrinterActivity.Printing
                    : Flag("error") || Flag("closedOrError") ? PrinterActivity.Error
                    : Flag("operational") || Flag("ready") ? PrinterActivity.Idle
                    : _activity;
            }
            if (data["progress"] is JsonObject pr)
            {
                if (DialectJson.Int32(pr["printTimeLeft"]) is { } left) _remaining = Math.Max(0, left);
                if (DialectJson.Int32(pr["printTime"]) is { } time) _elapsed = Math.Max(0, time);
            }
        }
        return new DialectUpdate { Telemetry = Telemetry(at), Errors = Errors() };
    }

    private DialectUpdate Temperature(string sensor, JsonObject p, DateTimeOffset at)
    {
        var actual = DialectJson.Number(p["actual"]);
        var target = DialectJson.Number(p["target"]);
        switch (sensor)
        {
            case "tool0": _nozzle = actual ?? _nozzle; _nozzleTarget = target ?? _nozzleTarget; break;
            case "bed": _bed = actual ?? _bed; _bedTarget = target ?? _bedTarget; break;
            default: return DialectUpdate.Empty; // chamber, tool1…: not in the model
        }
        return new DialectUpdate { Telemetry = Telemetry(at), Errors = Errors() };
    }

    /// <summary>
    /// A job's outcome, reported once per print: a cancel fires both PrintCancelled and
    /// PrintFailed(reason: cancelled), in either order; both map to the same event id.
    /// </summary>
    private void Outcome(List<PrinterJobEvent> events, JsonObject p, PrinterEventType type, string? reason, DateTimeOffset at)
    {
        var job = JobFrom(p) ?? _jobId;
        if (job != _jobId)
        {
            _jobId = job;
            _startMarker = null;
            _outcomeReported = false;
        }
        var time = DialectJson.Int32(p["time"]);
        if (time is { } t) _elapsed = Math.Max(0, t);
        if (_outcomeReported) return;
        if (_startMarker is null or "?" && DialectJson.Integer(p["_timestamp"]) is { } ts)
        {
            // The start was not seen: derive it (to the minute) from the event's own clock.
            var start = ts - (time ?? 0);
            _startMarker = "~" + (start - start % 60).ToString(CultureInfo.InvariantCulture);
        }
        if (Add(events, type, reason, time, at)) _outcomeReported = true;
    }

    private bool Add(List<PrinterJobEvent> events, PrinterEventType type, string? reason, int? elapsed, DateTimeOffset at, string? job = null, string? occurrence = null)
    {
        job ??= _jobId;
        if (job is null) return false;
        events.Add(new PrinterJobEvent
        {
            EventId = DialectEventIds.Make("octoprint", _printerId, job, _startMarker ?? "?", type.ToString(), occurrence),
            Type = type,
            JobId = job,
            Reason = reason,
            ElapsedSeconds = elapsed ?? _elapsed,
            ReceivedAt = at,
        });
        return true;
    }

    private PrinterTelemetry? Telemetry(DateTimeOffset at) => _activity is not { } activity ? null : new PrinterTelemetry
    {
        Activity = activity,
        JobId = _jobId,
        Progress = _progress,
        RemainingSeconds = _remaining,
        ElapsedSeconds = _elapsed,
        NozzleTemperature = _nozzle,
        NozzleTarget = _nozzleTarget,
        BedTemperature = _bed,
        BedTarget = _bedTarget,
        Error = _error?.Text ?? _error?.Code,
        ReceivedAt = at,
    };

    private IReadOnlyList<PrinterError> Errors() => _error is null ? [] : [_error];

    private static string? Stamp(JsonNode? node) => DialectJson.Integer(node)?.ToString(CultureInfo.InvariantCulture);

    /// <summary>The job id is the file name's stem (<c>folder/job-42.gcode</c> → <c>job-42</c>) when that is a valid id.</summary>
    public static string? JobIdFromFile(string? file) => DialectJobIds.FromFile(file);

    private static string? JobFrom(JsonObject p) => JobIdFromFile(DialectJson.String(p["name"])) ?? JobIdFromFile(DialectJson.String(p["path"]));
}
