namespace PrintFarm.Accounts;

/// <summary>A new account. The password, when given, is hashed by the account grain and never stored or logged.</summary>
[GenerateSerializer, Alias("PrintFarm.AccountSpec")]
public sealed record AccountSpec
{
    [Id(0)] public required string Login { get; init; }
    [Id(1)] public required AccountRole Role { get; init; }
    /// <summary>The name people see in the farm's own views (never on the customer's page for an operator).</summary>
    [Id(2)] public string? Name { get; init; }
    [Id(3)] public string? Password { get; init; }
    /// <summary>Where the account's orders ship when an order names no address (the Sculpteo order API's default).</summary>
    [Id(4)] public Orders.ShippingAddress? Address { get; init; }
    /// <summary>Where the account is written to; the login when it is an email address.</summary>
    [Id(5)] public string? Email { get; init; }
}
