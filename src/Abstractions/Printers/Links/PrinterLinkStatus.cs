namespace PrintFarm.Printers.Links;

/// <summary>A printer's connection as operators see it. Problems are plain words and never hold a secret.</summary>
[GenerateSerializer, Alias("PrintFarm.PrinterLinkStatus")]
public sealed record PrinterLinkStatus
{
    [Id(0)] public required LinkState State { get; init; }
    /// <summary>Why the last attempt failed or what is wrong with the registration.</summary>
    [Id(1)] public string? Problem { get; init; }
    /// <summary>Set when the printer said no to a command, e.g. "commands refused by firmware: ...".</summary>
    [Id(2)] public string? Commands { get; init; }
    [Id(3)] public DateTimeOffset? ConnectedSince { get; init; }
    [Id(4)] public DateTimeOffset? LastMessageAt { get; init; }
    [Id(5)] public long MessagesReceived { get; init; }
    /// <summary>Messages that could not be read (bad JSON, wrong shape, too big): counted and dropped.</summary>
    [Id(6)] public long MessagesDropped { get; init; }
    [Id(7)] public int FailedAttempts { get; init; }
    /// <summary>The last file sent to the printer and how it went, e.g. "PF-…-1-1.gcode refused: 401 (the API key was not accepted)".</summary>
    [Id(8)] public string? Files { get; init; }
}
