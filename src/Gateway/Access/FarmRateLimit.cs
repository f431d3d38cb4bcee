namespace PrintFarm.Gateway.Access;

/// <summary>Endpoint metadata: this endpoint is limited per address and per account (see <see cref="FarmAccess"/>).</summary>
public sealed record FarmRateLimit(string Name)
{
    public static readonly FarmRateLimit Orders = new("orders");
    public static readonly FarmRateLimit SignIn = new("signin");
}
