using System.Diagnostics.Metrics;

namespace PrintFarm.Printers;

/// <summary>
/// What the MQTT ingress and the printer grains have seen, as counters (meter
/// <c>PrintFarm.Ingress</c>) and as plain numbers for logs and tests. One per silo. Bad input is
/// counted here, never thrown.
/// </summary>
public sealed class IngressStats
{
    public const string MeterName = "PrintFarm.Ingress";

    private readonly Counter<long> _received;
    private readonly Counter<long> _dropped;
    private long _superseded;
    private long _telemetry, _events, _statuses, _malformed, _unknownTopic, _unknownPrinter, _forbiddenTopic, _notItsTopic, _refusedLogins;

    public IngressStats(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _received = meter.CreateCounter<long>("printfarm.ingress.received", description: "MQTT messages handed to printer grains");
        _dropped = meter.CreateCounter<long>("printfarm.ingress.dropped", description: "MQTT messages dropped as unreadable");
    }

    public long Telemetry => Interlocked.Read(ref _telemetry);
    /// <summary>Telemetry replaced by a newer report of the same printer before its grain took it (an overloaded silo).</summary>
    public long Superseded => Interlocked.Read(ref _superseded);
    public long Events => Interlocked.Read(ref _events);
    public long Statuses => Interlocked.Read(ref _statuses);
    public long Malformed => Interlocked.Read(ref _malformed);
    public long UnknownTopic => Interlocked.Read(ref _unknownTopic);
    /// <summary>Telemetry and events from a printer id that never announced itself: dropped.</summary>
    public long UnknownPrinter => Interlocked.Read(ref _unknownPrinter);
    /// <summary>PUBLISHes the embedded broker refused (a wildcard or NUL in the topic name), closing their connection.</summary>
    public long ForbiddenTopic => Interlocked.Read(ref _forbiddenTopic);
    /// <summary>PUBLISHes of a printer outside its own topics, refused by the embedded broker with their connection.</summary>
    public long NotItsTopic => Interlocked.Read(ref _notItsTopic);
    /// <summary>Connections the embedded broker refused: anonymous, a wrong password, a reserved client id.</summary>
    public long RefusedLogins => Interlocked.Read(ref _refusedLogins);

    public void CountTelemetry() { Interlocked.Increment(ref _telemetry); _received.Add(1, new KeyValuePair<string, object?>("channel", "telemetry")); }
    public void CountEvent() { Interlocked.Increment(ref _events); _received.Add(1, new KeyValuePair<string, object?>("channel", "events")); }
    public void CountStatus() { Interlocked.Increment(ref _statuses); _received.Add(1, new KeyValuePair<string, object?>("channel", "status")); }
    public void CountMalformed() { Interlocked.Increment(ref _malformed); _dropped.Add(1, new KeyValuePair<string, object?>("reason", "malformed")); }
    public void CountUnknownPrinter() { Interlocked.Increment(ref _unknownPrinter); _dropped.Add(1, new KeyValuePair<string, object?>("reason", "unknown_printer")); }
    public void CountUnknownTopic() { Interlocked.Increment(ref _unknownTopic); _dropped.Add(1, new KeyValuePair<string, object?>("reason", "topic")); }
    public void CountNotItsTopic() { Interlocked.Increment(ref _notItsTopic); _dropped.Add(1, new KeyValuePair<string, object?>("reason", "not_its_topic")); }
    public void CountSuperseded() { Interlocked.Increment(ref _superseded); _dropped.Add(1, new KeyValuePair<string, object?>("reason", "superseded")); }
    public void CountRefusedLogin() => Interlocked.Increment(ref _refusedLogins);
    public void CountForbiddenTopic() { Interlocked.Increment(ref _forbiddenTopic); _dropped.Add(1, new KeyValuePair<string, object?>("reason", "forbidden_topic")); }
}
