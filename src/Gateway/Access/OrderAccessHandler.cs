using Microsoft.AspNetCore.Authorization;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Access;

/// <summary>
/// Resource-based: staff see every order, a customer only the orders its account placed. The
/// endpoints answer 404 when this fails, so another customer's order is indistinguishable from
/// no order at all.
/// </summary>
public sealed class OrderAccessHandler : AuthorizationHandler<OrderAccessRequirement, OrderView>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OrderAccessRequirement requirement, OrderView order)
    {
        var user = context.User;
        if (user.IsStaff() || (user.Account() is { } account && order.Owner == account)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
