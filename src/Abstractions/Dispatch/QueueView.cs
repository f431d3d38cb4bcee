namespace PrintFarm.Dispatch;

[GenerateSerializer, Alias("PrintFarm.QueueView")]
public sealed record QueueView
{
    [Id(0)] public required int Depth { get; init; }
    [Id(1)] public required int IdlePrinters { get; init; }
    /// <summary>The head of the queue, in the order jobs will be served.</summary>
    [Id(2)] public required List<JobTicket> Next { get; init; }
}
