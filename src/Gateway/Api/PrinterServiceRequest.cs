namespace PrintFarm.Gateway.Api;

/// <summary>Body of <c>POST /api/printers/{id}/service</c>: <c>{"inService": false, "reason": "nozzle swap"}</c>.</summary>
public sealed record PrinterServiceRequest(bool? InService, string? Reason);
