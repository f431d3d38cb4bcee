namespace PrintFarm.Gateway.Api;

/// <summary>Body of <c>POST /api/jobs/{id}/qc</c>.</summary>
public sealed record QualityCheckRequest(bool? Pass, string? Reason);
