namespace PrintFarm.Dispatch;

/// <summary>The farm's queues at a glance: what <c>GET /api/queue</c> returns.</summary>
[GenerateSerializer, Alias("PrintFarm.QueueView")]
public sealed record QueueView
{
    [Id(0)] public required int Depth { get; init; }
    /// <summary>Idle printers waiting for work, each counted once.</summary>
    [Id(1)] public required int IdlePrinters { get; init; }
    /// <summary>The head of the queue across pools, in serving order (express first, then the oldest).</summary>
    [Id(2)] public required List<JobTicket> Next { get; init; }
    /// <summary>Each pool (technology/material) with its depth and idle printers.</summary>
    [Id(3)] public List<PoolSummary> Pools { get; init; } = [];
}
