using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrintFarm.Silo.Metrics;

/// <summary>
/// Says at start where the silo's metrics are, and warns when the listener is reachable from
/// other machines: it has no authentication.
/// </summary>
public sealed partial class SiloMetricsAnnouncer(IOptions<SiloMetricsOptions> options, ILogger<SiloMetricsAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var at = new UriBuilder(o.Url()) { Path = o.ScrapePath() }.Uri;
        var loopback = o.Url().IsLoopback || (IPAddress.TryParse(o.Url().Host, out var ip) && IPAddress.IsLoopback(ip));
        if (loopback) LogServing(at);
        else LogServingOpenly(at);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics in the Prometheus format at {Url}")]
    private partial void LogServing(Uri url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics in the Prometheus format at {Url}, beyond loopback and without authentication: keep that port to the metrics network")]
    private partial void LogServingOpenly(Uri url);
}
