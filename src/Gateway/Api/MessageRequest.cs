namespace PrintFarm.Gateway.Api;

/// <summary>A message as <c>POST /api/orders/{reference}/messages</c> takes it in JSON.</summary>
public sealed record MessageRequest(string? Text);
