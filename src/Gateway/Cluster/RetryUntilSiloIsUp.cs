namespace PrintFarm.Gateway.Cluster;

/// <summary>
/// Keeps trying to reach the silo at start instead of giving up, so the gateway and the silo
/// can be started in any order (and a gateway survives a silo restart).
/// </summary>
public sealed class RetryUntilSiloIsUp(TimeProvider clock, Microsoft.Extensions.Options.IOptions<GatewayOptions> options, ILogger<RetryUntilSiloIsUp> logger) : IClientConnectionRetryFilter
{
    private int _attempt;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempt);
        if (attempt == 1 || attempt % 10 == 0) logger.LogWarning("Waiting for the silo (attempt {Attempt}): {Error}", attempt, exception.Message);
        await Task.Delay(TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(attempt).Ticks, options.Value.ClusterRetryMax.Ticks)), clock, cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }
}
