using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Silo.Telemetry.Links;

/// <summary>
/// Every silo asks the registry now and then to wake every link. Links are idempotent to wake, so
/// a link that died with its silo is started again on a live one within <see cref="LinkOptions.EnsureEvery"/>.
/// </summary>
public sealed partial class LinkKeeper(IGrainFactory grains, IOptions<LinkOptions> options, TimeProvider clock, ILogger<LinkKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.EnsureEvery, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested) break;
            try
            {
                await grains.GetGrain<IPrinterRegistryGrain>(PrinterRegistryGrain.Key).EnsureLinks();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake the printer links: {Error}")]
    private partial void LogFailed(string error);
}
