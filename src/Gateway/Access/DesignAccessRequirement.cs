using Microsoft.AspNetCore.Authorization;

namespace PrintFarm.Gateway.Access;

/// <summary>May this caller see this design? (<see cref="DesignAccessHandler"/>)</summary>
public sealed class DesignAccessRequirement : IAuthorizationRequirement;
