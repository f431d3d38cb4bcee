namespace PrintFarm.Gateway.Api;

/// <summary>A page of <c>GET /api/events</c>: pass <see cref="Last"/> as <c>after</c> for the next.</summary>
public sealed record EventList(List<System.Text.Json.JsonElement> Events, bool More, string? Last);
