using Microsoft.AspNetCore.Authorization;

namespace PrintFarm.Gateway.Access;

/// <summary>An operator key limited to printers steers only those (<see cref="PrinterScopeHandler"/>).</summary>
public sealed class PrinterScopeRequirement : IAuthorizationRequirement;
