using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using PrintFarm.Gateway.Cluster;

namespace PrintFarm.Gateway.Access;

/// <summary>
/// Cookies and antiforgery tokens are protected with keys every gateway shares (<see cref="GatewayKeyRing"/>),
/// under one application name: by default Data Protection would name the application after the
/// folder it runs from and keep its keys in that machine's home folder, so a second gateway,
/// behind the same load balancer, would refuse the first one's cookies.
/// </summary>
public static class GatewayDataProtection
{
    /// <summary>The same on every gateway, and not the silos' (<c>PrintFarm</c>): their payloads never open each other's.</summary>
    public const string ApplicationName = "PrintFarm.Gateway";

    public static IServiceCollection AddGatewayDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>()
            .Configure<IClusterClient, FirstHopRetry>((keys, cluster, retry) => keys.XmlRepository = new GatewayKeyRing(cluster, retry));
        return services;
    }
}
