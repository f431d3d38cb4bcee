namespace PrintFarm.Gateway.Security;

/// <summary>
/// Bound from configuration section <c>Gateway:Cors</c>. With no origin listed (the default) the
/// gateway sends no CORS header at all, so browsers keep other sites' scripts from reading or
/// sending JSON to it. A shop front on another origin that calls the API from its pages is listed
/// here, e.g. <c>Gateway:Cors:AllowedOrigins:0=https://shop.example</c>.
/// </summary>
public sealed class CorsSettings
{
    public const string Section = "Gateway:Cors";

    /// <summary>Exact origins (scheme, host and port), e.g. https://shop.example.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
