namespace PrintFarm.Gateway.Api;

/// <summary>One page of orders, newest first; <see cref="Total"/> counts every order the listing covers.</summary>
public sealed record OrderList(IReadOnlyList<OrderResponse> Orders, int Total, int Skip, int Take);
