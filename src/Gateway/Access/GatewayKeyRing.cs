using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
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
public sealed class GatewayKeyRing(IClusterClient cluster, FirstHopRetry retry) : IXmlRepository
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
    /// Synchronous, as Data Protection calls it; each try is bounded by Gateway:CallPatience (the
    /// client's response timeout). A failure reaches Data Protection, which keeps the ring it has
    /// and reads again a little later.
    /// </summary>
    private T Call<T>(Func<IGatewayKeyRingGrain, Task<T>> call) =>
        Task.Run(() => retry.RunOnAnyWorker(cluster, call)).GetAwaiter().GetResult();
}
