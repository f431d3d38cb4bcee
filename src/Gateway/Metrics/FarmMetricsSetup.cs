using OpenTelemetry.Metrics;
using PrintFarm.Gateway.Access;

namespace PrintFarm.Gateway.Metrics;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus format, for viewers: the farm gauges, the gateway's HTTP
/// server and the Orleans client. Ingress, latency and the silos' own Orleans metrics are in the
/// silo process, on its own listener (Metrics:SiloUrl).
/// </summary>
public static class FarmMetricsSetup
{
    public const string Path = "/metrics";

    public static WebApplicationBuilder AddFarmMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FarmMetricsOptions>().Bind(builder.Configuration.GetSection(FarmMetricsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FarmSnapshotKeeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FarmSnapshotKeeper>());
        builder.Services.AddSingleton<FarmGauges>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(FarmGauges.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Authorization", "Microsoft.AspNetCore.Authentication")
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapFarmMetrics(this WebApplication app)
    {
        // Creating the gauges registers their instruments; nothing else asks for them.
        _ = app.Services.GetRequiredService<FarmGauges>();
        app.MapPrometheusScrapingEndpoint(Path).RequireAuthorization(AccessPolicies.Viewer).ExcludeFromDescription();
        return app;
    }
}
