using Microsoft.Extensions.Diagnostics.HealthChecks;
using PrintFarm.Dispatch;

namespace PrintFarm.Gateway.Cluster;

/// <summary>Healthy when a grain answers: the gateway is connected and the cluster serves.</summary>
public sealed class ClusterHealthCheck(IClusterClient cluster) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var queue = await cluster.GetGrain<IDispatcherGrain>(IDispatcherGrain.FarmPool).GetQueue(0)
                .WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"Cluster reachable; {queue.Depth} jobs queued.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The cluster does not answer.", ex);
        }
    }
}
