namespace PrintFarm.Gateway.Console.Fleet;

/// <summary>What the fleet's tiles are grouped under.</summary>
public enum FleetGrouping
{
    Pool,
    State,
    None,
}
