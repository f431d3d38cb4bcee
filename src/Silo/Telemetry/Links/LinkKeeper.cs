using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Silo.Telemetry.Links;

/// <summary>
/// Every silo asks the registry now and then to wake every link. Links are idempotent to wake, so
/// a link that died with its silo is started again on a live one within <see cref="LinkOptions.EnsureEvery"/>.
/// </summary>
public sealed partial class LinkKeeper(IGrainFactory grains, FleetRegistrar registrar, IOptions<LinkOptions> options, TimeProvider clock, ILogger<LinkKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        // First the configured printers, retried until the registry answers.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await registrar.RegisterConfigured(stoppingToken);
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.EnsureEvery, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested) break;
            try
            {
                await grains.GetGrain<IPrinterRegistryGrain>(IPrinterRegistryGrain.Key).EnsureLinks();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register or wake the printer links: {Error}")]
    private partial void LogFailed(string error);
}
