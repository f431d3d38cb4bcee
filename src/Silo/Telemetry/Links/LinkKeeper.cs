using PrintFarm.Printers.Links;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Silo.Telemetry.Links;

/// <summary>
/// Registers the configured printers at start, then every silo asks the registry now and then to
/// wake every link. Links are idempotent to wake, so a link that died with its silo is started
/// again on a live one within <see cref="LinkOptions.EnsureEvery"/>.
/// </summary>
public sealed partial class LinkKeeper(IGrainFactory grains, FleetRegistrar registrar, IOptions<LinkOptions> options, TimeProvider clock, ILogger<LinkKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        // First the configured printers, retried until the registry answers (the silo's one
        // backoff, so a registry that is down is not asked every two seconds for ever).
        var links = options.Value;
        var register = new Backoff(links.RegisterRetryDelay, links.RegisterRetryMaxDelay, clock).Pipeline(onRetry: args =>
        {
            LogRegisterFailed(args.Outcome.Exception?.Message ?? "", args.RetryDelay.TotalSeconds);
            return ValueTask.CompletedTask;
        });
        try
        {
            await register.ExecuteAsync(async ct => await registrar.RegisterConfigured(ct), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register or wake the printer links: {Error}; retrying in {Seconds:F1}s")]
    private partial void LogRegisterFailed(string error, double seconds);
}
