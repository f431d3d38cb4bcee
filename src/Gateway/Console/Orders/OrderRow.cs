using PrintFarm.Orders;

namespace PrintFarm.Gateway.Console.Orders;

/// <summary>One order on the orders page: the order, and when it is late, by how much and why.</summary>
public sealed record OrderRow(string Reference, OrderView? Order, LateOrder? Late, string? Why);
