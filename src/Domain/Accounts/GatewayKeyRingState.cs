namespace PrintFarm.Accounts;

/// <summary>What <c>GatewayKeyRingGrain</c> stores: the gateways' Data Protection keys, oldest first.</summary>
public sealed class GatewayKeyRingState
{
    public List<GatewayKey> Keys { get; set; } = [];
}
