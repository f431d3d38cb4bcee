using Microsoft.AspNetCore.Authorization;
using PrintFarm.Designs;

namespace PrintFarm.Gateway.Access;

/// <summary>
/// Resource-based, as for orders: staff see every design, a customer only its own. The endpoints
/// answer 404 when this fails, so another customer's design is indistinguishable from none.
/// </summary>
public sealed class DesignAccessHandler : AuthorizationHandler<DesignAccessRequirement, DesignView>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DesignAccessRequirement requirement, DesignView design)
    {
        var user = context.User;
        if (user.IsStaff() || (user.Account() is { } account && design.Owner == account)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
