using PrintFarm.Accounts;

namespace PrintFarm.Gateway.Api;

/// <summary>A key just made: <see cref="Token"/> is shown this once and never again.</summary>
public sealed record NewKey(string Token, ApiKeyView Key);
