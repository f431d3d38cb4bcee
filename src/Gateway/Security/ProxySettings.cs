using System.ComponentModel.DataAnnotations;
using System.Net;

namespace PrintFarm.Gateway.Security;

/// <summary>
/// Bound from configuration section <c>Gateway:Proxies</c>: the reverse proxies in front of the
/// gateway (nginx, Caddy, a load balancer). Their <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed, so the per-address rate limits see each customer
/// rather than the proxy, and HSTS goes out where TLS ends at the proxy. With none listed (the
/// default) the headers are ignored: anyone could send them.
/// </summary>
public sealed class ProxySettings : IValidatableObject
{
    public const string Section = "Gateway:Proxies";

    /// <summary>Addresses of the proxies, e.g. <c>Gateway:Proxies:KnownProxies:0=10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool Any => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
            yield return new ValidationResult($"Gateway:Proxies:KnownProxies: '{proxy}' is not an IP address.", [nameof(KnownProxies)]);
        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
            yield return new ValidationResult($"Gateway:Proxies:KnownNetworks: '{network}' is not a network in CIDR notation (10.0.0.0/24).", [nameof(KnownNetworks)]);
    }
}
