using Microsoft.Extensions.DependencyInjection;
using PrintFarm.Printers.Access;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Silo.Mqtt;

/// <summary>The credentials grain for the hash, the registry for what a printer owns (its base topic or instance when it speaks OctoPrint or Moonraker).</summary>
public sealed class GrainCredentialsLookup(IServiceProvider services) : IPrinterCredentialsLookup
{
    // Resolved on first use: the broker starts before Orleans does.
    private IGrainFactory Grains => services.GetRequiredService<IGrainFactory>();

    public Task<string?> HashOf(string printerId) => Grains.GetGrain<IPrinterCredentialsGrain>(IPrinterCredentialsGrain.Key).HashOf(printerId);

    public async Task<PrinterTopics> TopicsOf(string printerId)
    {
        var registration = await Grains.GetGrain<IPrinterRegistryGrain>(IPrinterRegistryGrain.Key).Get(printerId);
        return registration switch
        {
            { Dialect: PrinterDialect.OctoPrint, OctoPrintBaseTopic: { } baseTopic } => PrinterTopics.OctoPrint(printerId, baseTopic),
            { Dialect: PrinterDialect.Moonraker, MoonrakerInstance: { } instance } => PrinterTopics.Moonraker(printerId, instance),
            _ => PrinterTopics.Native(printerId),
        };
    }
}
