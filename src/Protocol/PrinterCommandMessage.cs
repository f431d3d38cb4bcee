namespace PrintFarm.Protocol;

/// <summary>Sent to a printer on <c>commands</c> at QoS 1.</summary>
public sealed record PrinterCommandMessage
{
    public required string CommandId { get; init; }
    public required PrinterCommandType Type { get; init; }
    public required string JobId { get; init; }
    /// <summary>For Start: what to print (design name / file on the printer).</summary>
    public string? File { get; init; }
    public string? Material { get; init; }
    /// <summary>For Start: the slicer's estimate, which a simulator uses as its print time.</summary>
    public int? EstimatedSeconds { get; init; }
    public DateTimeOffset? At { get; init; }
}
