using Microsoft.AspNetCore.Authorization;

namespace PrintFarm.Gateway.Access;

/// <summary>
/// For endpoints with a <c>{printerId}</c> route value: a key limited to printers passes only
/// for one of them. A key with no such limit, or an endpoint about no one printer, passes.
/// </summary>
public sealed class PrinterScopeHandler : AuthorizationHandler<PrinterScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PrinterScopeRequirement requirement)
    {
        var scope = context.User.FindAll(FarmClaims.Printer).Select(c => c.Value).ToList();
        var printer = (context.Resource as HttpContext)?.GetRouteValue("printerId") as string;
        if (scope.Count == 0 || printer is null || scope.Contains(printer, StringComparer.Ordinal)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
