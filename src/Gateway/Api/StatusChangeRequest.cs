using PrintFarm.Orders;

namespace PrintFarm.Gateway.Api;

/// <summary>Body of <c>POST /api/orders/{reference}/status</c>.</summary>
public sealed record StatusChangeRequest(OrderStatus? Status, string? Message);
