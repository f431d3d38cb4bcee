using PrintFarm.Protocol;

namespace PrintFarm.Printers;

/// <summary>What a printer grain stores: written on transitions only, never per telemetry tick.</summary>
[GenerateSerializer, Alias("PrintFarm.PrinterState")]
public sealed class PrinterState
{
    [Id(0)] public PrinterCapabilities? Capabilities { get; set; }
    [Id(1)] public Connectivity Connectivity { get; set; }
    [Id(2)] public PrinterActivity Activity { get; set; }
    [Id(3)] public string? CurrentJobId { get; set; }
    [Id(4)] public DateTimeOffset? CurrentJobSince { get; set; }
    [Id(5)] public DateTimeOffset? LastSeenAt { get; set; }
    /// <summary>The last events handled, so a redelivered QoS 1 event is recognised.</summary>
    [Id(6)] public List<string> RecentEventIds { get; set; } = [];
    [Id(7)] public int JobsPrinted { get; set; }
    [Id(8)] public int JobsFailed { get; set; }
    [Id(9)] public DateTimeOffset? ConnectivitySince { get; set; }
    /// <summary>Jobs this printer lost whose grains have not heard so yet (their silo was down).</summary>
    [Id(10)] public List<string> LostJobsToTell { get; set; } = [];
}
