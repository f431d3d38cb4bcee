namespace PrintFarm.Orders;

/// <summary>One message of the thread between an order's customer and the shop.</summary>
[GenerateSerializer, Alias("PrintFarm.OrderMessage")]
public sealed record OrderMessage
{
    /// <summary>1 for the first message of the order, and so on.</summary>
    [Id(0)] public required int Number { get; init; }
    [Id(1)] public required MessageAuthor From { get; init; }
    [Id(2)] public required string Text { get; init; }
    [Id(3)] public required DateTimeOffset At { get; init; }
    [Id(4)] public List<MessageAttachment> Attachments { get; init; } = [];
    /// <summary>The staff account that wrote for the shop, for the farm's records; the customer's answers never show it.</summary>
    [Id(5)] public string? By { get; init; }
}
