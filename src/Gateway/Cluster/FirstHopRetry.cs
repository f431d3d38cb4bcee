using Orleans.Runtime.Messaging;
using Polly;
using Polly.Retry;

namespace PrintFarm.Gateway.Cluster;

/// <summary>
/// Sends a customer's call again when it never left this gateway: the Orleans gateway it went to
/// had just died (connection refused), so the call reached no grain and repeating it cannot do
/// anything twice. Orleans picks a live gateway for the next attempt. A call that reached a silo
/// and failed there is not repeated: that is the caller's decision (an order's Idempotency-Key).
/// </summary>
public sealed class FirstHopRetry(TimeProvider clock)
{
    private readonly ResiliencePipeline _pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<ConnectionFailedException>(),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    public async Task<T> Run<T>(Func<Task<T>> call) => await _pipeline.ExecuteAsync(async _ => await call());
}
