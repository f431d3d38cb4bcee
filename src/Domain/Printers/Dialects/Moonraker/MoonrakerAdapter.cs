using System.Globalization;
using System.Text.Json.Nodes;
using PrintFarm.Printers;
using PrintFarm.Protocol;

namespace PrintFarm.Printers.Dialects;

/// <summary>
/// One Moonraker (Klipper) instance publishing to our broker, turned into the normalized model
/// (PROTOCOLS.md §3): <c>{instance}/moonraker/status</c> for connectivity and
/// <c>{instance}/klipper/status</c> (first the full subscribed state, then changed fields only,
/// merged into a per-printer cache). <c>eventtime</c> is Klipper's monotonic clock, so everything
/// is stamped with the receive time. Not thread-safe: one caller per printer.
/// </summary>
public sealed class MoonrakerAdapter
{
    private readonly string _printerId;
    private readonly JsonObject _status = [];
    private string? _startMarker;
    private bool _outcomeReported;
    private int _pauses;

    public MoonrakerAdapter(string printerId, string instance)
    {
        if (!PrinterId.IsValid(printerId)) throw new ArgumentException($"Bad printer id '{printerId}'.", nameof(printerId));
        if (string.IsNullOrWhiteSpace(instance) || instance.IndexOfAny(['+', '#', '/']) >= 0)
            throw new ArgumentException($"Bad instance name '{instance}'.", nameof(instance));
        _printerId = printerId;
        Instance = instance;
    }

    public string Instance { get; }
    public string ServerStatusTopic => $"{Instance}/moonraker/status";
    public string KlipperStatusTopic => $"{Instance}/klipper/status";

    /// <summary>The merged Klipper status so far (a copy).</summary>
    public JsonObject Snapshot() => (JsonObject)_status.DeepClone();

    /// <summary>Routes by topic; topics this adapter does not read give an empty update.</summary>
    public DialectUpdate Handle(string topic, ReadOnlySpan<byte> payload, DateTimeOffset receivedAt)
    {
        if (topic == ServerStatusTopic) return ServerStatus(payload, receivedAt);
        if (topic == KlipperStatusTopic) return KlipperStatus(payload, receivedAt);
        return DialectUpdate.Empty;
    }

    /// <summary><c>{"server":"online"}</c> / <c>{"server":"offline"}</c> (retained; also the last will).</summary>
    public DialectUpdate ServerStatus(ReadOnlySpan<byte> payload, DateTimeOffset receivedAt)
    {
        var root = DialectJson.ParseObject(payload);
        var online = DialectJson.String(root["server"]) switch
        {
            "online" => true,
            "offline" => false,
            _ => throw new FormatException("Expected {\"server\":\"online\"|\"offline\"}."),
        };
        return new DialectUpdate { Status = new PrinterStatusReport { Online = online, ReceivedAt = receivedAt } };
    }

    /// <summary>
    /// <c>{"eventtime":…, "status":{…}}</c>. Throws <see cref="FormatException"/> or
    /// <see cref="System.Text.Json.JsonException"/> for a payload that cannot mean anything.
    /// </summary>
    public DialectUpdate KlipperStatus(ReadOnlySpan<byte> payload, DateTimeOffset receivedAt)
    {
        var root = DialectJson.ParseObject(payload);
        if (root["status"] is not JsonObject status) throw new FormatException("'status' is missing or not an object.");
        foreach (var (name, value) in status)
        {
            if (value is not JsonObject) throw new FormatException($"Status object '{name}' is not an object.");
        }
        var eventTime = DialectJson.Number(root["eventtime"]);

        var before = PrintState();
        DialectJson.DeepMerge(_status, status);
        var after = PrintState();

        var stats = _status["print_stats"] as JsonObject;
        var jobId = DialectJobIds.FromFile(DialectJson.String(stats?["filename"]));
        var printDuration = DialectJson.Number(stats?["print_duration"]);
        var totalDuration = DialectJson.Number(stats?["total_duration"]);
        int? elapsed = printDuration is { } pd && pd >= 0 && pd < int.MaxValue ? (int)pd : null;
        var message = DialectJson.String(stats?["message"]);
        var events = new List<PrinterJobEvent>();

        if (after is not null && after != before)
        {
            if (after == "printing" && before is not ("printing" or "paused"))
            {
                // A new print. The printer's own start, on its monotonic clock, tells attempts apart.
                _startMarker = eventTime is { } et
                    ? "k" + ((long)Math.Floor(et - (before is null ? totalDuration ?? 0 : 0))).ToString(CultureInfo.InvariantCulture)
                    : "?";
                _outcomeReported = false;
                _pauses = 0;
                Add(PrinterEventType.JobStarted, null);
            }
            else if (after == "paused" && before == "printing")
            {
                _pauses++;
                Add(PrinterEventType.JobPaused, null, _pauses.ToString(CultureInfo.InvariantCulture));
            }
            else if (after == "printing" && before == "paused")
            {
                Add(PrinterEventType.JobResumed, null, _pauses.ToString(CultureInfo.InvariantCulture));
            }
            else if (after is "complete" or "cancelled" or "error" && !_outcomeReported)
            {
                // First sight of a finished print (we started after it ended): no start known.
                if (before is null) _startMarker = null;
                var reported = after switch
                {
                    "complete" => Add(PrinterEventType.JobFinished, null),
                    "cancelled" => Add(PrinterEventType.JobCancelled, "cancelled"),
                    _ => Add(PrinterEventType.JobFailed, string.IsNullOrWhiteSpace(message) ? "error" : Truncate(message, 200)),
                };
                _outcomeReported = reported;
            }
        }

        var errors = Errors(after, message);
        var klippy = DialectJson.String((_status["webhooks"] as JsonObject)?["state"]);
        PrinterTelemetry? telemetry = null;
        if (after is not null || klippy is not null)
        {
            var activity = klippy is not null && klippy != "ready" ? PrinterActivity.Error : ToActivity(after ?? "standby");
            var progress = DialectJson.Number((_status["virtual_sdcard"] as JsonObject)?["progress"])
                ?? DialectJson.Number((_status["display_status"] as JsonObject)?["progress"]);
            progress = progress is { } p ? Math.Clamp(p, 0, 1) : null;
            var active = after is "printing" or "paused";
            int? remaining = active && progress is { } q && q > 0.01 && printDuration is { } d && d >= 0
                ? (int)Math.Min(int.MaxValue, Math.Round(d * (1 - q) / q))
                : null;
            var info = stats?["info"] as JsonObject;
            telemetry = new PrinterTelemetry
            {
                Activity = activity,
                JobId = jobId,
                Progress = progress * 100,
                RemainingSeconds = remaining,
                ElapsedSeconds = elapsed,
                Layer = DialectJson.Int32(info?["current_layer"]),
                TotalLayers = DialectJson.Int32(info?["total_layer"]),
                NozzleTemperature = DialectJson.Number((_status["extruder"] as JsonObject)?["temperature"]),
                NozzleTarget = DialectJson.Number((_status["extruder"] as JsonObject)?["target"]),
                BedTemperature = DialectJson.Number((_status["heater_bed"] as JsonObject)?["temperature"]),
                BedTarget = DialectJson.Number((_status["heater_bed"] as JsonObject)?["target"]),
                Error = errors.FirstOrDefault() is { } first ? first.Text ?? first.Code : null,
                ReceivedAt = receivedAt,
            };
        }
        return new DialectUpdate { Telemetry = telemetry, Events = events, Errors = errors };

        bool Add(PrinterEventType type, string? reason, string? occurrence = null)
        {
            if (jobId is null) return false;
            events.Add(new PrinterJobEvent
            {
                EventId = DialectEventIds.Make("moonraker", _printerId, jobId, _startMarker ?? "?", type.ToString(), occurrence),
                Type = type,
                JobId = jobId,
                Reason = reason,
                ElapsedSeconds = elapsed,
                ReceivedAt = receivedAt,
            });
            return true;
        }
    }

    private string? PrintState() => DialectJson.String((_status["print_stats"] as JsonObject)?["state"])?.ToLowerInvariant();

    private List<PrinterError> Errors(string? printState, string? message)
    {
        var list = new List<PrinterError>();
        var webhooks = _status["webhooks"] as JsonObject;
        var klippy = DialectJson.String(webhooks?["state"]);
        if (klippy is not null && klippy != "ready")
        {
            var text = DialectJson.String(webhooks?["state_message"]);
            list.Add(new PrinterError($"klippy.{klippy}", klippy is "shutdown" or "error" ? PrinterErrorSeverity.Fatal : PrinterErrorSeverity.Common,
                "klippy", string.IsNullOrWhiteSpace(text) ? $"Klippy {klippy}" : Truncate(text, 500)));
        }
        if (printState == "error")
            list.Add(new PrinterError("print_stats.error", PrinterErrorSeverity.Serious, "print_stats", string.IsNullOrWhiteSpace(message) ? null : Truncate(message, 500)));
        return list;
    }

    /// <summary><c>complete</c>, <c>cancelled</c> and <c>error</c> describe the last job; the printer is idle.</summary>
    public static PrinterActivity ToActivity(string printState) => printState.ToLowerInvariant() switch
    {
        "standby" or "complete" or "cancelled" or "error" => PrinterActivity.Idle,
        "printing" => PrinterActivity.Printing,
        "paused" => PrinterActivity.Paused,
        _ => PrinterActivity.Error,
    };

    private static string Truncate(string s, int max) => s.Length > max ? s[..max] : s;
}
