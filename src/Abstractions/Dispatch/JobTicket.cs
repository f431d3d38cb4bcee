using PrintFarm.Jobs;

namespace PrintFarm.Dispatch;

/// <summary>A job's place in the queue: just what the dispatcher needs to match and order it.</summary>
[GenerateSerializer, Alias("PrintFarm.JobTicket")]
public sealed record JobTicket
{
    [Id(0)] public required string JobId { get; init; }
    [Id(1)] public required string OrderReference { get; init; }
    [Id(2)] public required string Technology { get; init; }
    [Id(3)] public required string Material { get; init; }
    [Id(4)] public required int EstimatedPrintSeconds { get; init; }
    /// <summary>Lower goes first (express before standard).</summary>
    [Id(5)] public required int Priority { get; init; }
    /// <summary>A reprint keeps its order's placement time, so it does not go to the back.</summary>
    [Id(6)] public required DateTimeOffset PlacedAt { get; init; }
    [Id(7)] public required int Attempt { get; init; }
    /// <summary>Only a printer of this model takes the job (its file was sliced for it); null: any printer of the pool.</summary>
    [Id(8)] public string? PrinterModel { get; init; }

    public PoolKey Pool => new(Technology, Material);

    public static JobTicket For(PrintJobSpec spec, int attempt) => new()
    {
        JobId = spec.JobId,
        OrderReference = spec.OrderReference,
        Technology = spec.Technology,
        Material = spec.Material,
        EstimatedPrintSeconds = spec.EstimatedPrintSeconds,
        Priority = spec.Priority,
        PlacedAt = spec.PlacedAt,
        Attempt = attempt,
        PrinterModel = spec.PrinterModel,
    };
}
