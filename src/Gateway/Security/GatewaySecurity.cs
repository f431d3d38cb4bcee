using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using PrintFarm.Gateway.Live;

namespace PrintFarm.Gateway.Security;

/// <summary>
/// The gateway's defences that hold for every caller, signed in or not: Kestrel's limits, the
/// host names it answers to, CORS, security headers on every answer and JSON-only requests.
/// </summary>
public static class GatewaySecurity
{
    public const string CorsPolicy = "configured-origins";

    public static WebApplicationBuilder AddGatewaySecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GatewayLimits>().Bind(builder.Configuration.GetSection(GatewayLimits.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Orders.OrderLimits>().Bind(builder.Configuration.GetSection(Orders.OrderLimits.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SecurityHeadersOptions>().Bind(builder.Configuration.GetSection(SecurityHeadersOptions.Section));
        services.AddOptions<CorsSettings>().Bind(builder.Configuration.GetSection(CorsSettings.Section));
        services.AddSingleton<EventStreamGate>();
        services.AddOptions<ProxySettings>().Bind(builder.Configuration.GetSection(ProxySettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxySettings>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the listed proxies: not even loopback, ASP.NET Core's default.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies) forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            foreach (var network in proxies.Value.KnownNetworks) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });

        // The API reference page (/api/docs) has a policy of its own; every other answer gets Headers().
        services.AddSecurityHeaderPolicies((policies, provider) =>
            policies.AddPolicy(Api.ApiDocs.HeadersPolicy, DocsHeaders(provider.GetRequiredService<IOptions<SecurityHeadersOptions>>().Value)));

        // Registered after the host's own binding of the Kestrel section, so these win: a
        // gateway put on the internet has them without a Kestrel section of its own.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewayLimits>>((kestrel, limits) =>
        {
            var l = limits.Value;
            kestrel.Limits.MaxRequestBodySize = l.MaxRequestBodyBytes;
            kestrel.Limits.RequestHeadersTimeout = l.RequestHeadersTimeout;
            kestrel.Limits.MaxConcurrentConnections = l.MaxConcurrentConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = l.MaxConcurrentUpgradedConnections;
            kestrel.AddServerHeader = false;
        });

        // CORS only when origins are listed: otherwise no CORS header is ever sent, and browsers
        // keep other sites' scripts away from the API.
        var origins = builder.Configuration.GetSection(CorsSettings.Section).Get<CorsSettings>()?.AllowedOrigins ?? [];
        if (origins.Count > 0)
        {
            services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins([.. origins])
                .WithMethods("GET", "POST", "PUT", "DELETE")
                .WithHeaders("Content-Type", "Authorization", "Idempotency-Key", "Last-Event-ID")));
        }
        return builder;
    }

    /// <summary>
    /// First in the pipeline, so that error answers carry the headers too. Before them, a listed
    /// proxy's forwarded headers are applied: the caller's address and scheme are then the real ones.
    /// </summary>
    public static WebApplication UseGatewaySecurityHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxySettings>>().Value.Any) app.UseForwardedHeaders();
        app.UseSecurityHeaders(Headers(app.Services.GetRequiredService<IOptions<SecurityHeadersOptions>>().Value));
        return app;
    }

    /// <summary>The headers every answer gets: one policy for pages and API alike.</summary>
    public static HeaderPolicyCollection Headers(SecurityHeadersOptions https)
    {
        var policies = new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddFrameOptionsDeny()
            // Tracking addresses hold the order's reference: never hand it to another site.
            .AddReferrerPolicyNoReferrer()
            .AddCrossOriginOpenerPolicy(p => p.SameOrigin())
            .AddContentSecurityPolicy(csp =>
            {
                // Pages load only their own files and talk only to their own gateway; no inline
                // script or style, no plugins, no framing.
                csp.AddDefaultSrc().None();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
                csp.AddConnectSrc().Self();
                csp.AddImgSrc().Self().Data();
                csp.AddBaseUri().None();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
            })
            .RemoveServerHeader();
        // Sent on https requests only, that is where TLS ends at this gateway.
        if (https.Hsts) policies.AddStrictTransportSecurityMaxAge((int)https.HstsMaxAge.TotalSeconds);
        return policies;
    }

    /// <summary>
    /// The API reference page (Scalar, <c>/api/docs</c>) and its files: the same headers, but its
    /// one inline script runs with the request's nonce, the styles its script injects are allowed
    /// (inline styles, no inline script), and so are its fonts and workers from data and blob URLs
    /// it makes itself. It still loads nothing from another site and talks only to this gateway.
    /// </summary>
    public static HeaderPolicyCollection DocsHeaders(SecurityHeadersOptions https)
    {
        var policies = new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddFrameOptionsDeny()
            .AddReferrerPolicyNoReferrer()
            .AddCrossOriginOpenerPolicy(p => p.SameOrigin())
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().None();
                csp.AddScriptSrc().Self().WithNonce();
                csp.AddStyleSrc().Self().UnsafeInline();
                csp.AddConnectSrc().Self();
                csp.AddImgSrc().Self().Data().Blob();
                csp.AddFontSrc().Self().Data();
                csp.AddWorkerSrc().Self().Blob();
                csp.AddBaseUri().None();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
            })
            .RemoveServerHeader();
        if (https.Hsts) policies.AddStrictTransportSecurityMaxAge((int)https.HstsMaxAge.TotalSeconds);
        return policies;
    }

    public static WebApplication UseGatewayRequestRules(this WebApplication app)
    {
        var origins = app.Services.GetRequiredService<IOptions<CorsSettings>>().Value.AllowedOrigins;
        if (origins.Count > 0) app.UseCors(CorsPolicy);
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseMiddleware<JsonRequestsOnly>());
        return app;
    }
}
