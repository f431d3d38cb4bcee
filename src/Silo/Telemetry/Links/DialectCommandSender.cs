using System.Collections.Concurrent;
using PrintFarm.Printers;
using PrintFarm.Printers.Links;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Silo.Telemetry.Links;

/// <summary>
/// The egress for every printer: native printers get the farm topic, registered Bambu, OctoPrint
/// and Moonraker printers get their dialect through their link. The registry is a leaf and the
/// link's <c>Send</c> interleaves, so the printer grain may wait on both. A printer's dialect is
/// remembered for <see cref="RememberFor"/>, so a busy native fleet does not queue on the registry.
/// </summary>
public sealed class DialectCommandSender(IGrainFactory grains, MqttCommandSender native, TimeProvider clock) : IPrinterCommandSender
{
    public static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (PrinterDialect Dialect, DateTimeOffset Until)> _dialects = new();

    public async Task<bool> Send(string printerId, PrinterCommand command, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (!_dialects.TryGetValue(printerId, out var known) || known.Until < now)
        {
            known = (await grains.GetGrain<IPrinterRegistryGrain>(IPrinterRegistryGrain.Key).DialectOf(printerId), now + RememberFor);
            _dialects[printerId] = known;
        }
        return known.Dialect == PrinterDialect.Native
            ? await native.Send(printerId, command, cancellationToken)
            : await grains.GetGrain<IPrinterLinkGrain>(printerId).Send(command);
    }
}
