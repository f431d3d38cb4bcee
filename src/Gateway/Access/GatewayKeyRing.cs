using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Orleans.Runtime;
using PrintFarm.Accounts;
using PrintFarm.Gateway.Cluster;

namespace PrintFarm.Gateway.Access;

/// <summary>
/// Data Protection's key store for the gateway: the farm's <see cref="IGatewayKeyRingGrain"/>
/// instead of a folder on this machine. Every gateway then signs cookies and form tokens with
/// the same keys, and the gateway writes nothing outside the farm (the default would be
/// <c>~/.aspnet/DataProtection-Keys</c>). Data Protection calls it synchronously and seldom
/// (at first use, about once a day, when it meets a key it does not know, and when it makes one).
/// </summary>
public sealed class GatewayKeyRing(IClusterClient cluster, FirstHopRetry retry, TimeSpan patience, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        Call(ring => ring.Keys()).Select(x => XElement.Parse(x)).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        Call(async ring =>
        {
            await ring.Store(string.IsNullOrEmpty(friendlyName) ? $"key-{Guid.NewGuid():N}" : friendlyName, element.ToString(SaveOptions.DisableFormatting));
            return true;
        });

    /// <summary>
    /// As <see cref="KeyCheck"/> spreads its stateless calls: one worker key whose directory entry
    /// sat on a dead silo cannot be addressed, another can. A failure reaches Data Protection,
    /// which keeps the ring it has and reads again a little later.
    /// </summary>
    private T Call<T>(Func<IGatewayKeyRingGrain, Task<T>> call)
    {
        var spots = Enumerable.Range(0, IKeyCheckGrain.Spread).ToArray();
        Random.Shared.Shuffle(spots);
        return Task.Run(async () =>
        {
            for (var i = 0; ; i++)
            {
                try
                {
                    return await retry.Run(() => call(cluster.GetGrain<IGatewayKeyRingGrain>(spots[i]))).WaitAsync(patience, clock);
                }
                catch (OrleansException e) when (e is OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException && i < spots.Length - 1)
                {
                }
            }
        }).GetAwaiter().GetResult();
    }
}
