namespace PrintFarm.Health;

/// <summary>
/// Answers on whichever silo the caller reached (a stateless worker is always local), so a
/// gateway's health check says whether the cluster serves, not whether one particular silo is up.
/// </summary>
[Alias("PrintFarm.IHealthGrain")]
public interface IHealthGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task<string> Ping();
}
