using PrintFarm.Orders;

namespace PrintFarm.Notifications;

/// <summary>
/// One thing that happened to an order, written into the order's state in the same write as the
/// change. <see cref="Id"/> (<c>{reference}.{n}</c>) is what receivers deduplicate on.
/// </summary>
[GenerateSerializer, Alias("PrintFarm.OrderEvent")]
public sealed record OrderEvent
{
    [Id(0)] public required string Id { get; init; }
    /// <summary>One of <see cref="OrderEventTypes"/>.</summary>
    [Id(1)] public required string Type { get; init; }
    [Id(2)] public required DateTimeOffset Time { get; init; }
    [Id(3)] public required string Reference { get; init; }
    [Id(4)] public required OrderStatus Status { get; init; }
    /// <summary>The status before, for a change of status.</summary>
    [Id(5)] public OrderStatus? From { get; init; }
    /// <summary>The item with the problem, for <see cref="OrderEventTypes.ItemProblem"/>.</summary>
    [Id(6)] public int? Item { get; init; }
    /// <summary>The problem, or the operator's message with the move, in plain words.</summary>
    [Id(7)] public string? Detail { get; init; }
    /// <summary>True when the delivery date moved later since the last event said it.</summary>
    [Id(8)] public bool DateMoved { get; init; }
    /// <summary>For <see cref="OrderEventTypes.Message"/>: who wrote it, and its number in the thread.</summary>
    [Id(9)] public MessageAuthor? Author { get; init; }
    [Id(10)] public int? Message { get; init; }
}
