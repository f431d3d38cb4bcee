namespace PrintFarm.Accounts;

/// <summary>One Data Protection key, named as the key manager names it (after its id).</summary>
public sealed class GatewayKey
{
    public string Name { get; set; } = "";
    public string Xml { get; set; } = "";
}
