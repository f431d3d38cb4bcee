using PrintFarm.Accounts;

namespace PrintFarm.Gateway.Api;

/// <summary>POST /api/accounts/{login}/keys: a new key. Its role defaults to the account's and may not exceed it.</summary>
public sealed record KeyRequest(string? Name, AccountRole? Role, List<string>? Printers, DateTimeOffset? ExpiresAt);
