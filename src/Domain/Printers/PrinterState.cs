using PrintFarm.Protocol;

namespace PrintFarm.Printers;

/// <summary>What a printer grain stores: written on transitions only, never per telemetry tick.</summary>
public sealed class PrinterState
{
    public PrinterCapabilities? Capabilities { get; set; }
    public Connectivity Connectivity { get; set; }
    public PrinterActivity Activity { get; set; }
    public string? CurrentJobId { get; set; }
    public DateTimeOffset? CurrentJobSince { get; set; }
    public DateTimeOffset? LastSeenAt { get; set; }
    /// <summary>The last events handled, so a redelivered QoS 1 event is recognised.</summary>
    public List<string> RecentEventIds { get; set; } = [];
    public int JobsPrinted { get; set; }
    public int JobsFailed { get; set; }
    public DateTimeOffset? ConnectivitySince { get; set; }
    /// <summary>Jobs this printer lost whose grains have not heard so yet (their silo was down).</summary>
    public List<string> LostJobsToTell { get; set; } = [];
    /// <summary>Prints stopped at the printer by a person: neither printed nor failed.</summary>
    public int JobsCancelled { get; set; }
    /// <summary>Taken out of service by an operator: no new jobs until put back (stored, so it outlasts a restart).</summary>
    public bool OutOfService { get; set; }
    public string? OutOfServiceReason { get; set; }
    public DateTimeOffset? OutOfServiceSince { get; set; }
}
