using Microsoft.AspNetCore.Authorization;

namespace PrintFarm.Gateway.Access;

/// <summary>May this caller see this order? (<see cref="OrderAccessHandler"/>)</summary>
public sealed class OrderAccessRequirement : IAuthorizationRequirement;
