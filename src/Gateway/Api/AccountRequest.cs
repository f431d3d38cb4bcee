using PrintFarm.Accounts;

namespace PrintFarm.Gateway.Api;

/// <summary>POST /api/accounts: a new account; the password is optional (an account may use keys only).</summary>
public sealed record AccountRequest(string? Login, AccountRole? Role, string? Name, string? Password, PrintFarm.Orders.ShippingAddress? Address = null, string? Email = null);
