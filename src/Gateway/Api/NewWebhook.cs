namespace PrintFarm.Gateway.Api;

/// <summary>A subscription just made; <see cref="Secret"/> only when the farm made it, and only in this answer.</summary>
public sealed record NewWebhook(string Id, string Url, List<string> Events, DateTimeOffset CreatedAt, string? Secret);
