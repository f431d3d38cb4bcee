namespace PrintFarm.Dispatch;

/// <summary>One pool's queue as its dispatcher sees it.</summary>
[GenerateSerializer, Alias("PrintFarm.PoolQueueView")]
public sealed record PoolQueueView
{
    [Id(0)] public required string Pool { get; init; }
    [Id(1)] public required int Depth { get; init; }
    /// <summary>The idle printers this pool may give work to (a printer with two materials is in two pools).</summary>
    [Id(2)] public required List<string> IdlePrinterIds { get; init; }
    /// <summary>The head of the queue, in the order jobs will be served.</summary>
    [Id(3)] public required List<JobTicket> Next { get; init; }
}
