using PrintFarm.Accounts;

namespace PrintFarm.Gateway.Api;

/// <summary>What a key is for, before it exists.</summary>
public sealed record KeyFor(string Account, AccountRole Role, string? Name = null, List<string>? Printers = null, DateTimeOffset? ExpiresAt = null);
