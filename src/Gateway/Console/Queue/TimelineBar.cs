namespace PrintFarm.Gateway.Console.Queue;

/// <summary>One job on a printer's row of the timeline.</summary>
public sealed record TimelineBar(string JobId, string OrderReference, DateTimeOffset Start, DateTimeOffset End, bool Printing);
