namespace PrintFarm.Gateway.Console.Queue;

/// <summary>One printer's projected schedule.</summary>
public sealed record TimelineRow(string PrinterId, List<TimelineBar> Bars);
