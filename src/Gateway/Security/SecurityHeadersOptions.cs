namespace PrintFarm.Gateway.Security;

/// <summary>Bound from configuration section <c>Gateway:Https</c>.</summary>
public sealed class SecurityHeadersOptions
{
    public const string Section = "Gateway:Https";

    /// <summary>
    /// Send Strict-Transport-Security. It is sent on https requests only (TLS ends at this
    /// gateway); behind a proxy that ends TLS, set this and let the proxy forward the scheme.
    /// </summary>
    public bool Hsts { get; set; } = true;

    /// <summary>How long browsers remember to use https only.</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(180);
}
