using PrintFarm.Printers;
using PrintFarm.Printers.Links;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Silo.Telemetry.Links;

/// <summary>
/// The egress for every printer: native printers get the farm topic, registered Bambu, OctoPrint
/// and Moonraker printers get their dialect through their link. The registry is a leaf and the
/// link's <c>Send</c> interleaves, so the printer grain may wait on both.
/// </summary>
public sealed class DialectCommandSender(IGrainFactory grains, MqttCommandSender native) : IPrinterCommandSender
{
    public async Task<bool> Send(string printerId, PrinterCommand command, CancellationToken cancellationToken = default)
    {
        var dialect = await grains.GetGrain<IPrinterRegistryGrain>(PrinterRegistryGrain.Key).DialectOf(printerId);
        return dialect == PrinterDialect.Native
            ? await native.Send(printerId, command, cancellationToken)
            : await grains.GetGrain<IPrinterLinkGrain>(printerId).Send(command);
    }
}
