namespace PrintFarm.Orders;

/// <summary>An operator asked for a move the order's rules do not allow from where it stands.</summary>
[GenerateSerializer, Alias("PrintFarm.OrderTransitionException")]
public sealed class OrderTransitionException(string message, OrderStatus current, OrderStatus[] allowed) : Exception(message)
{
    [Id(0)] public OrderStatus Current { get; } = current;
    [Id(1)] public OrderStatus[] Allowed { get; } = allowed;
}
