using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using PrintFarm.Metrics;
using PrintFarm.Printers;

namespace PrintFarm.Silo.Metrics;

/// <summary>
/// The silo's <c>/metrics</c> (Prometheus format) on a listener of its own, at Metrics:SiloUrl:
/// ingress counts, dropped messages, publish → grain latency and Orleans' silo metrics live in
/// this process, not in the gateway's. Off when the setting is empty, the default.
/// </summary>
public static class SiloMetricsSetup
{
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Milliseconds: fine below 100 ms, where a healthy farm's latency is, coarse above.</summary>
    private static readonly double[] LatencyBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000];

    public static IHostApplicationBuilder AddSiloMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiloMetricsOptions>().Bind(builder.Configuration.GetSection(SiloMetricsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(SiloMetricsOptions.Section).Get<SiloMetricsOptions>() ?? new SiloMetricsOptions();
        if (!options.Enabled()) return builder;
        // An invalid URL is refused at start by the validation above, naming the setting.
        if (!Uri.TryCreate(options.SiloUrl, UriKind.Absolute, out var url)) return builder;

        builder.Services.AddHostedService<SiloMetricsAnnouncer>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(IngressStats.MeterName, FarmMetrics.MeterName, PrintFarm.Storage.StorageLoad.MeterName, OrleansMeter)
            .AddView(FarmMetrics.TelemetryLatencyName, new ExplicitBucketHistogramConfiguration { Boundaries = LatencyBuckets })
            .AddPrometheusHttpListener(listener =>
            {
                listener.Host = url.Host;
                listener.Port = url.Port;
                listener.ScrapeEndpointPath = options.ScrapePath();
            }));
        return builder;
    }
}
