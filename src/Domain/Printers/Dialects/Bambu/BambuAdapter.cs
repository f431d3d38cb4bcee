using System.Text.Json.Nodes;
using PrintFarm.Printers;
using PrintFarm.Protocol;

namespace PrintFarm.Printers.Dialects;

/// <summary>
/// One Bambu Lab printer's <c>device/{serial}/report</c> stream, turned into the normalized model
/// (PROTOCOLS.md §1). Keeps a per-printer cache: every <c>print</c> object is deep-merged into it
/// (P1 deltas carry only what changed; a missing key keeps its value), <c>hms</c> is replaced whole,
/// <c>ams.ams[].tray[]</c> is merged by id. Not thread-safe: one caller per printer.
/// </summary>
public sealed class BambuAdapter
{
    private static readonly HashSet<string> ReplaceWhole = ["hms"];

    private readonly string _printerId;
    private readonly JsonObject _print = [];
    private bool _cancelSeen;
    private int _pauses;

    public BambuAdapter(string printerId)
    {
        if (!PrinterId.IsValid(printerId)) throw new ArgumentException($"Bad printer id '{printerId}'.", nameof(printerId));
        _printerId = printerId;
    }

    /// <summary>The merged <c>print</c> state so far (a copy).</summary>
    public JsonObject Snapshot() => (JsonObject)_print.DeepClone();

    /// <summary>The MQTT client connected to the printer (TLS up, subscribed).</summary>
    public DialectUpdate Connected(DateTimeOffset at) => new() { Status = new PrinterStatusReport { Online = true, ReceivedAt = at } };

    /// <summary>The connection dropped, or the watchdog saw no data for too long.</summary>
    public DialectUpdate Disconnected(DateTimeOffset at) => new() { Status = new PrinterStatusReport { Online = false, ReceivedAt = at } };

    /// <summary>
    /// One report payload. Throws <see cref="FormatException"/> or <see cref="System.Text.Json.JsonException"/>
    /// for a payload that cannot mean anything; returns <see cref="DialectUpdate.Empty"/> for messages
    /// that carry no status (other classes, command acknowledgements).
    /// </summary>
    public DialectUpdate Report(ReadOnlySpan<byte> payload, DateTimeOffset receivedAt)
    {
        var root = DialectJson.ParseObject(payload);
        if (!root.TryGetPropertyValue("print", out var printNode)) return DialectUpdate.Empty; // info, system, pushing…
        if (printNode is not JsonObject print) throw new FormatException("'print' is not an object.");
        if (print["hms"] is { } hms && hms is not JsonArray) throw new FormatException("'hms' is not an array.");

        var command = DialectJson.String(print["command"]);
        if (command is not null && command != "push_status") return DialectUpdate.Empty; // an ack echoing a command

        var before = DialectJson.String(_print["gcode_state"])?.ToUpperInvariant();
        DialectJson.DeepMerge(_print, print, ReplaceWhole);
        if (DialectJson.Integer(print["print_error"]) == BambuErrors.CancelledCode) _cancelSeen = true;
        var after = DialectJson.String(_print["gcode_state"])?.ToUpperInvariant();

        var jobId = JobId();
        long? startedAt = DialectJson.Integer(_print["gcode_start_time"]) is { } s and > 0 ? s : null;
        int? elapsed = null;
        if (startedAt is { } st && receivedAt.ToUnixTimeSeconds() - st is var e and >= 0 and < 60L * 86400) elapsed = (int)e;
        var errors = Errors();
        var events = new List<PrinterJobEvent>();

        if (after is not null && after != before)
        {
            if (IsIdleLike(before) && !IsIdleLike(after))
            {
                // A new job (HAB: any change out of IDLE/FINISH/FAILED is a start).
                _cancelSeen = false;
                _pauses = 0;
                if (before is not null || after is "RUNNING" or "PREPARE") Add(PrinterEventType.JobStarted, null);
            }
            if (after == "PAUSE" && before is not null && !IsIdleLike(before))
            {
                _pauses++;
                Add(PrinterEventType.JobPaused, null, _pauses.ToString());
            }
            if (before == "PAUSE" && after == "RUNNING") Add(PrinterEventType.JobResumed, null, _pauses.ToString());
            if (after == "FINISH") Add(PrinterEventType.JobFinished, null);
            if (after == "FAILED")
            {
                var code = DialectJson.Integer(_print["print_error"]);
                if (_cancelSeen || code == BambuErrors.CancelledCode) Add(PrinterEventType.JobCancelled, "cancelled");
                else Add(PrinterEventType.JobFailed, code is { } c and not 0 ? BambuErrors.FormatPrintError(c) : "failed");
                _cancelSeen = false;
            }
        }

        PrinterTelemetry? telemetry = after is null ? null : new PrinterTelemetry
        {
            Activity = ToActivity(after),
            JobId = jobId,
            Progress = DialectJson.Number(_print["mc_percent"]) is { } p ? Math.Clamp(p, 0, 100) : null,
            RemainingSeconds = DialectJson.Integer(_print["mc_remaining_time"]) is { } m ? (int)Math.Clamp(m * 60, 0, int.MaxValue) : null,
            ElapsedSeconds = after is "RUNNING" or "PAUSE" or "PREPARE" ? elapsed : null,
            Layer = DialectJson.Int32(_print["layer_num"]),
            TotalLayers = DialectJson.Int32(_print["total_layer_num"]),
            NozzleTemperature = DialectJson.Number(_print["nozzle_temper"]),
            NozzleTarget = DialectJson.Number(_print["nozzle_target_temper"]),
            BedTemperature = DialectJson.Number(_print["bed_temper"]),
            BedTarget = DialectJson.Number(_print["bed_target_temper"]),
            Error = ToActivity(after) == PrinterActivity.Error
                ? $"unknown gcode_state '{after}'"
                : errors.FirstOrDefault(x => x.Severity is PrinterErrorSeverity.Fatal or PrinterErrorSeverity.Serious or PrinterErrorSeverity.Unknown)?.Code,
            ReceivedAt = receivedAt,
        };

        return new DialectUpdate { Telemetry = telemetry, Events = events, Errors = errors };

        void Add(PrinterEventType type, string? reason, string? occurrence = null)
        {
            if (jobId is null) return; // not a farm job: nothing to tell a job about
            events.Add(new PrinterJobEvent
            {
                EventId = DialectEventIds.Make("bambu", _printerId, jobId, startedAt?.ToString() ?? DialectJson.String(_print["gcode_file"]), type.ToString(), occurrence),
                Type = type,
                JobId = jobId,
                Reason = reason,
                ElapsedSeconds = elapsed,
                ReceivedAt = receivedAt,
            });
        }
    }

    /// <summary>The farm names <c>subtask_name</c> after the job id when it starts a print.</summary>
    private string? JobId() => DialectJson.String(_print["subtask_name"]) is { } n && PrinterId.IsValid(n) ? n : null;

    private List<PrinterError> Errors()
    {
        var list = new List<PrinterError>();
        if (DialectJson.Integer(_print["print_error"]) is { } pe and not 0) list.Add(BambuErrors.FromPrintError(pe));
        if (_print["hms"] is JsonArray hms)
        {
            foreach (var item in hms)
            {
                if (item is JsonObject o && DialectJson.Integer(o["attr"]) is { } attr && DialectJson.Integer(o["code"]) is { } code)
                    list.Add(BambuErrors.FromHms(attr, code));
            }
        }
        return list;
    }

    private static bool IsIdleLike(string? state) => state is null or "IDLE" or "FINISH" or "FAILED";

    /// <summary>FINISH and FAILED describe the last job, not what the printer does now.</summary>
    public static PrinterActivity ToActivity(string gcodeState) => gcodeState.ToUpperInvariant() switch
    {
        "RUNNING" => PrinterActivity.Printing,
        "PREPARE" or "SLICING" or "INIT" => PrinterActivity.Preparing,
        "PAUSE" => PrinterActivity.Paused,
        "IDLE" or "FINISH" or "FAILED" => PrinterActivity.Idle,
        _ => PrinterActivity.Error,
    };
}
