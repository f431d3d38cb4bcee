using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PrintFarm.PrinterSimulator.Files;
using PrintFarm.Protocol;

namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>
/// OctoPrint with the OctoPrint-MQTT plugin (PROTOCOLS.md §2) under its own base topic on the
/// farm's broker: retained <c>mqtt</c> = connected (the will says disconnected), events
/// (<c>PrintStarted</c>, <c>PrintDone</c>, <c>PrintFailed</c> with its reason, <c>PrintCancelled</c>
/// together with <c>PrintFailed(reason: cancelled)</c> as real OctoPrint fires both, <c>PrintPaused</c>,
/// <c>PrintResumed</c>, <c>Error</c>, <c>PrinterStateChanged</c>), <c>progress/printing</c> with
/// <c>printerData</c> on (so the time left travels), and <c>temperature/tool0|bed</c>.
/// </summary>
/// <remarks>
/// The plugin itself has no control topics; OctoPrint is commanded through its REST API. The
/// simulator takes the REST request bodies over MQTT instead (the farm's OctoPrintCommands), as a
/// bridge such as OctoPrint-MQTTSubscribe would post them: <c>{base}api/job</c> → <c>POST /api/job</c>;
/// <c>{base}api/select</c> with the file's <c>path</c> in the body, or <c>{base}api/files/local/{path}</c>,
/// → <c>POST /api/files/local/{path}</c>.
/// </remarks>
public sealed class OctoPrintSpeaker : IDialectSpeaker
{
    public const string JobEndpoint = "api/job";
    public const string SelectEndpoint = "api/select";
    public const string FilesEndpoint = "api/files/local/";

    private static readonly TimeSpan ProgressRefresh = TimeSpan.FromSeconds(5);
    private const long FileSize = 1_482_113;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _printTime;
    private readonly ILogger _logger;
    private readonly Dictionary<string, (double Actual, double Target)> _temperatures = [];
    private string? _selectedFile;
    private string? _runningJob;
    private string? _runningFile;
    private TimeSpan _runningEstimate;
    private (int Progress, bool Paused)? _lastProgress;
    private DateTimeOffset _lastProgressAt;

    /// <param name="printTime">How long a file prints when it is not in <paramref name="storage"/> or its slicer did not say.</param>
    /// <param name="storage">The printer's <c>local</c> files (uploaded over HTTP); null: none, every file prints for <paramref name="printTime"/>.</param>
    public OctoPrintSpeaker(SimulatedPrinter printer, string baseTopic, TimeSpan printTime, TimeProvider timeProvider,
        ILogger? logger = null, PrinterStorage? storage = null)
    {
        ArgumentNullException.ThrowIfNull(printer);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseTopic);
        if (baseTopic.Contains('+') || baseTopic.Contains('#')) throw new ArgumentException($"Bad base topic '{baseTopic}'.", nameof(baseTopic));
        Printer = printer;
        BaseTopic = baseTopic.EndsWith('/') ? baseTopic : baseTopic + "/";
        _printTime = printTime;
        _runningEstimate = printTime;
        Storage = storage;
        _time = timeProvider;
        _logger = logger ?? NullLogger.Instance;
    }

    public SimulatedPrinter Printer { get; }
    public PrinterDialect Dialect => PrinterDialect.OctoPrint;

    /// <summary>Where the printer's uploaded files are, when it has any.</summary>
    public PrinterStorage? Storage { get; }

    /// <summary>Ends with '/'.</summary>
    public string BaseTopic { get; }

    public IReadOnlyList<string> CommandTopics => [BaseTopic + "api/#"];

    public DialectMessage? LastWill => DialectMessage.Text(BaseTopic + "mqtt", "disconnected", reliable: true, retain: true);

    public IReadOnlyList<DialectMessage> Connected()
    {
        lock (_gate)
        {
            var messages = new List<DialectMessage>
            {
                DialectMessage.Text(BaseTopic + "mqtt", "connected", reliable: true, retain: true),
                Event("Connected", new JsonObject { ["port"] = "/dev/ttyACM0", ["baudrate"] = 115200 }),
                StateChanged(Printer.Activity switch
                {
                    PrinterActivity.Printing => "PRINTING",
                    PrinterActivity.Paused => "PAUSED",
                    _ => "OPERATIONAL",
                }),
            };
            _temperatures.Clear();
            _lastProgress = null;
            return messages;
        }
    }

    public IReadOnlyList<DialectMessage> Stopping() =>
    [
        Event("Disconnected", []),
        DialectMessage.Text(BaseTopic + "mqtt", "disconnected", reliable: true, retain: true),
    ];

    public IReadOnlyList<DialectMessage> Tick()
    {
        lock (_gate)
        {
            var tick = Printer.Tick();
            var messages = new List<DialectMessage>();
            foreach (var evt in tick.Events) OnEvent(evt, messages);
            Progress(tick.Telemetry, messages);
            Temperature("tool0", tick.Telemetry.Nozzle, messages);
            Temperature("bed", tick.Telemetry.Bed, messages);
            return messages;
        }
    }

    public IReadOnlyList<DialectMessage> Command(string topic, ReadOnlySpan<byte> payload)
    {
        if (!topic.StartsWith(BaseTopic + "api/", StringComparison.Ordinal)) return [];
        var endpoint = topic[BaseTopic.Length..];
        JsonObject body;
        try
        {
            body = JsonNode.Parse(payload) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException ex)
        {
            _logger.LogWarning("{PrinterId} answered 400 to an unreadable {Endpoint} request: {Error}", Printer.Id, endpoint, ex.Message);
            return [];
        }
        var command = Str(body["command"]);

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var messages = new List<DialectMessage>();
            var selectPath = endpoint.StartsWith(FilesEndpoint, StringComparison.Ordinal) ? endpoint[FilesEndpoint.Length..]
                : endpoint == SelectEndpoint ? Str(body["path"])
                : null;
            if (selectPath is not null && command == "select")
            {
                if (string.IsNullOrWhiteSpace(selectPath))
                {
                    _logger.LogWarning("{PrinterId} answered 400 to a select without a file path", Printer.Id);
                    return messages;
                }
                _selectedFile = selectPath.TrimStart('/');
                if (body["print"] is JsonValue p && p.TryGetValue(out bool print) && print) StartSelected(now, messages);
            }
            else if (endpoint == JobEndpoint)
            {
                switch (command)
                {
                    case "start":
                        StartSelected(now, messages);
                        break;
                    case "cancel":
                        Control(PrinterCommandType.Cancel, now, messages);
                        break;
                    case "pause":
                        var action = Str(body["action"]) ?? "toggle";
                        var type = action switch
                        {
                            "pause" => PrinterCommandType.Pause,
                            "resume" => PrinterCommandType.Resume,
                            _ => Printer.Activity == PrinterActivity.Paused ? PrinterCommandType.Resume : PrinterCommandType.Pause,
                        };
                        Control(type, now, messages);
                        break;
                    default:
                        _logger.LogWarning("{PrinterId} answered 400 to job command '{Command}'", Printer.Id, command);
                        break;
                }
            }
            else
            {
                _logger.LogWarning("{PrinterId} answered 404 to {Endpoint} '{Command}'", Printer.Id, endpoint, command);
            }
            return messages;
        }
    }

    private void StartSelected(DateTimeOffset now, List<DialectMessage> messages)
    {
        if (_selectedFile is not { } file)
        {
            _logger.LogWarning("{PrinterId} answered 409 to start: no file selected", Printer.Id);
            return;
        }
        var jobId = DialectJobs.JobIdFromFile(file);
        var printTime = DialectJobs.PrintTimeOf(Storage, file, _printTime);
        var events = Printer.Handle(DialectJobs.Start(jobId, file, printTime, now));
        foreach (var evt in events)
        {
            if (evt.Type == PrinterEventType.JobFailed && evt.JobId == jobId && jobId != _runningJob)
            {
                // What the REST API would answer; nothing is published.
                _logger.LogWarning("{PrinterId} answered 409 to printing {File}: {Reason}", Printer.Id, file, evt.Reason);
                continue;
            }
            if (evt.Type == PrinterEventType.JobStarted)
            {
                _runningFile = file;
                _runningEstimate = printTime;
                _logger.LogInformation("{PrinterId} prints {File} for an estimated {EstimatedSeconds:F0} s", Printer.Id, file,
                    printTime.TotalSeconds);
            }
            OnEvent(evt, messages);
        }
    }

    private void Control(PrinterCommandType type, DateTimeOffset now, List<DialectMessage> messages)
    {
        if (Printer.CurrentJobId is not { } current)
        {
            _logger.LogWarning("{PrinterId} answered 409 to {Command}: not printing", Printer.Id, type);
            return;
        }
        foreach (var evt in Printer.Handle(DialectJobs.Control(type, current, now))) OnEvent(evt, messages);
    }

    private void OnEvent(PrinterEventMessage evt, List<DialectMessage> messages)
    {
        var file = evt.JobId == _runningJob || evt.Type == PrinterEventType.JobStarted
            ? _runningFile ?? evt.JobId + ".gcode"
            : evt.JobId + ".gcode";
        switch (evt.Type)
        {
            case PrinterEventType.JobStarted:
                _runningJob = evt.JobId;
                _runningFile = file;
                _lastProgress = null;
                // The job first, then the state: a "printing" without the new file would name the old one.
                messages.Add(Event("PrintStarted", Job(file, ("user", "farm"))));
                messages.Add(StateChanged("PRINTING"));
                break;
            case PrinterEventType.JobPaused when evt.JobId == _runningJob:
                messages.Add(StateChanged("PAUSING"));
                messages.Add(Event("PrintPaused", Job(file, ("user", "farm"))));
                messages.Add(StateChanged("PAUSED"));
                break;
            case PrinterEventType.JobResumed when evt.JobId == _runningJob:
                messages.Add(Event("PrintResumed", Job(file, ("user", "farm"))));
                messages.Add(StateChanged("PRINTING"));
                break;
            case PrinterEventType.JobFinished when evt.JobId == _runningJob:
                messages.Add(FinalProgress(file, 100));
                messages.Add(Event("PrintDone", Job(file, ("time", evt.ElapsedSeconds ?? 0))));
                messages.Add(StateChanged("OPERATIONAL"));
                Ended();
                break;
            case PrinterEventType.JobFailed when evt.JobId == _runningJob:
                // OctoPrint's PrintFailed reason is only ever "error" or "cancelled"; the words go in Error.
                messages.Add(Event("Error", new JsonObject { ["error"] = evt.Reason ?? "printer error" }));
                messages.Add(FinalProgress(file, _lastProgress?.Progress ?? 0));
                messages.Add(Event("PrintFailed", Job(file, ("time", evt.ElapsedSeconds ?? 0), ("reason", "error"))));
                messages.Add(StateChanged("OPERATIONAL"));
                Ended();
                break;
            case PrinterEventType.JobCancelled when evt.JobId == _runningJob:
                messages.Add(StateChanged("CANCELLING"));
                messages.Add(Event("PrintCancelling", Job(file, ("firmwareError", null))));
                messages.Add(FinalProgress(file, _lastProgress?.Progress ?? 0));
                // Both fire on a cancel, as in real OctoPrint; the farm must count it once.
                messages.Add(Event("PrintFailed", Job(file, ("time", evt.ElapsedSeconds ?? 0), ("reason", "cancelled"))));
                messages.Add(Event("PrintCancelled", Job(file, ("time", evt.ElapsedSeconds ?? 0),
                    ("position", new JsonObject { ["x"] = 120.0, ["y"] = 95.5, ["z"] = 12.4, ["e"] = 0.0, ["t"] = 0, ["f"] = 1500 }))));
                messages.Add(StateChanged("OPERATIONAL"));
                Ended();
                break;
            default:
                _logger.LogDebug("{PrinterId} has no OctoPrint event for {EventType} of {JobId}", Printer.Id, evt.Type, evt.JobId);
                break;
        }
    }

    private void Ended()
    {
        _runningJob = null;
        _runningFile = null;
        _lastProgress = null;
    }

    /// <summary>What the plugin publishes while printing: on change, and now and then so the time left stays fresh.</summary>
    private void Progress(PrinterTelemetryMessage t, List<DialectMessage> messages)
    {
        if (t.JobId is null || t.JobId != _runningJob || _runningFile is null) return;
        var paused = t.Activity == PrinterActivity.Paused;
        var progress = (int)Math.Floor(t.Progress ?? 0);
        var now = t.At ?? _time.GetUtcNow();
        if (_lastProgress == (progress, paused) && now - _lastProgressAt < ProgressRefresh) return;
        _lastProgress = (progress, paused);
        _lastProgressAt = now;
        messages.Add(ProgressMessage(_runningFile, progress, t.Progress ?? 0, t.ElapsedSeconds, t.RemainingSeconds,
            paused ? "Paused" : "Printing", printing: !paused, paused: paused));
    }

    /// <summary>The retained progress must not go on saying "printing" after the job has ended.</summary>
    private DialectMessage FinalProgress(string file, int progress) =>
        ProgressMessage(file, progress, progress, null, null, "Operational", printing: false, paused: false);

    private DialectMessage ProgressMessage(string file, int progress, double completion, int? printTime, int? timeLeft,
        string stateText, bool printing, bool paused) =>
        DialectMessage.Json(BaseTopic + "progress/printing", new JsonObject
        {
            ["progress"] = progress,
            ["location"] = "local",
            ["path"] = file,
            ["_timestamp"] = Timestamp(),
            ["printer_data"] = new JsonObject
            {
                ["state"] = new JsonObject
                {
                    ["text"] = stateText,
                    ["flags"] = new JsonObject
                    {
                        ["operational"] = true,
                        ["printing"] = printing,
                        ["paused"] = paused,
                        ["pausing"] = false,
                        ["cancelling"] = false,
                        ["error"] = false,
                        ["ready"] = !printing && !paused,
                        ["closedOrError"] = false,
                        ["sdReady"] = true,
                    },
                },
                ["progress"] = new JsonObject
                {
                    ["completion"] = Math.Round(completion, 2),
                    ["filepos"] = (long)(FileSize * Math.Clamp(completion, 0, 100) / 100),
                    ["printTime"] = printTime,
                    ["printTimeLeft"] = timeLeft,
                    ["printTimeLeftOrigin"] = timeLeft is null ? null : "estimate",
                },
                ["job"] = new JsonObject
                {
                    ["file"] = new JsonObject { ["name"] = file, ["path"] = file, ["origin"] = "local", ["size"] = FileSize },
                    ["estimatedPrintTime"] = _runningEstimate.TotalSeconds,
                },
            },
        }, retain: true);

    /// <summary>Published when the actual value moves by 0.1 °C or the target changes; all-zero sensors are skipped.</summary>
    private void Temperature(string sensor, Temperature? reading, List<DialectMessage> messages)
    {
        if (reading is not { } r) return;
        var actual = Math.Round(r.Actual, 2);
        if (actual == 0 && r.Target == 0) return;
        if (_temperatures.TryGetValue(sensor, out var last) && Math.Abs(last.Actual - actual) < 0.1 && last.Target == r.Target) return;
        _temperatures[sensor] = (actual, r.Target);
        messages.Add(DialectMessage.Json(BaseTopic + "temperature/" + sensor,
            new JsonObject { ["actual"] = actual, ["target"] = r.Target, ["_timestamp"] = Timestamp() }, retain: true));
    }

    private DialectMessage StateChanged(string stateId) => Event("PrinterStateChanged", new JsonObject
    {
        ["state_id"] = stateId,
        ["state_string"] = stateId switch
        {
            "OPERATIONAL" => "Operational",
            "PRINTING" => "Printing",
            "PAUSING" => "Pausing",
            "PAUSED" => "Paused",
            "CANCELLING" => "Cancelling",
            _ => stateId,
        },
    });

    private static JsonObject Job(string file, params (string Key, JsonNode? Value)[] extra)
    {
        var payload = new JsonObject
        {
            ["name"] = file[(file.LastIndexOf('/') + 1)..],
            ["path"] = file,
            ["origin"] = "local",
            ["size"] = FileSize,
            ["owner"] = "farm",
        };
        foreach (var (key, value) in extra) payload[key] = value;
        return payload;
    }

    /// <summary>An event as the plugin sends it: the payload plus <c>_event</c> and <c>_timestamp</c>; not retained.</summary>
    private DialectMessage Event(string name, JsonObject payload)
    {
        payload["_event"] = name;
        payload["_timestamp"] = Timestamp();
        return DialectMessage.Json(BaseTopic + "event/" + name, payload, reliable: true);
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private long Timestamp() => _time.GetUtcNow().ToUnixTimeSeconds();
}
