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

    private readonly ResiliencePipeline _elsewhere = new ResiliencePipelineBuilder { TimeProvider = clock }
        .AddRetry(new RetryStrategyOptions
        {
            // Orleans could not address the message: its grain's directory entry is on a silo
            // that has just died. The call reached no grain, so nothing was stored.
            ShouldHandle = new PredicateBuilder().Handle<ConnectionFailedException>().Handle<OrleansMessageRejectionException>(),
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(50),
            UseJitter = true,
        })
        .Build();

    public async Task<T> Run<T>(Func<Task<T>> call) => await _pipeline.ExecuteAsync(async _ => await call());

    /// <summary>
    /// For a stateless worker (any activation answers): tries it under one of
    /// <see cref="Accounts.IKeyCheckGrain.Spread"/> keys after another, in shuffled order, until
    /// one is addressed. A client's call to a stateless worker is still looked up in the grain
    /// directory, whose share for one key may be on a silo that has just died, most of the ring
    /// even (three silos do not split it in thirds); a call that could not be addressed reached
    /// no grain, so trying the next key repeats nothing.
    /// </summary>
    public async Task<T> RunOnAnyWorker<TGrain, T>(IGrainFactory grains, Func<TGrain, Task<T>> call) where TGrain : IGrainWithIntegerKey
    {
        var spots = Enumerable.Range(0, Accounts.IKeyCheckGrain.Spread).ToArray();
        Random.Shared.Shuffle(spots);
        for (var i = 0; ; i++)
        {
            try
            {
                return await Run(() => call(grains.GetGrain<TGrain>(spots[i])));
            }
            catch (OrleansException e) when (e is OrleansMessageRejectionException or ConnectionFailedException && i < spots.Length - 1)
            {
            }
        }
    }

    /// <summary>
    /// For a new grain whose key the gateway chooses (an order without an Idempotency-Key): when
    /// Orleans could not address it, try again under a new key, whose directory entry is most likely
    /// on a live silo. Only a call that reached no grain is repeated, so nothing is made twice.
    /// </summary>
    public async Task<T> RunUnderNewKey<T>(Func<string> newKey, Func<string, Task<T>> call) =>
        await _elsewhere.ExecuteAsync(async _ => await Run(() => call(newKey())));
}
