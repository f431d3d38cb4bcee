using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PrintFarm.Health;

namespace PrintFarm.Gateway.Cluster;

/// <summary>
/// Healthy when the silo this gateway reaches answers: the gateway is connected and the cluster
/// serves. It asks a stateless worker, so no single grain's silo decides the answer.
/// </summary>
public sealed class ClusterHealthCheck(IClusterClient cluster, IOptions<GatewayOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var silo = await cluster.GetGrain<IHealthGrain>(0).Ping().WaitAsync(options.Value.ViewPatience, cancellationToken);
            return HealthCheckResult.Healthy($"Cluster reachable (answered by {silo}).");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The cluster does not answer.", ex);
        }
    }
}
