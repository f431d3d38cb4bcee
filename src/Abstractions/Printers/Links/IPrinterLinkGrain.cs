namespace PrintFarm.Printers.Links;

/// <summary>
/// The one connection to a registered Bambu, OctoPrint or Moonraker printer, keyed by printer id:
/// it owns the MQTT client and the stateful dialect adapter (one activation cluster-wide, so one
/// connection and one cache) and feeds the printer grain in the normalized model.
/// </summary>
[Alias("PrintFarm.IPrinterLinkGrain")]
public interface IPrinterLinkGrain : IGrainWithStringKey
{
    /// <summary>Loads the registration and connects if not connected yet; reconnects when it changed. Idempotent.</summary>
    [OneWay, Alias("Ensure")]
    Task Ensure();

    /// <summary>
    /// Sends a command in the printer's dialect. Interleaves: the printer grain awaits it while this
    /// link may itself be waiting on the printer grain with a message.
    /// </summary>
    [AlwaysInterleave, Alias("Send")]
    Task<bool> Send(PrinterCommand command);

    [AlwaysInterleave, Alias("Status")]
    Task<PrinterLinkStatus> Status();

    /// <summary>From the link's own MQTT client: one message, in arrival order.</summary>
    [Alias("Deliver")]
    Task Deliver(string topic, byte[] payload, DateTimeOffset receivedAt);

    /// <summary>From the link's own MQTT client: a message refused unread (too big).</summary>
    [OneWay, Alias("Dropped")]
    Task Dropped(string topic, string reason);

    /// <summary>From the link's own MQTT client: connected, or lost with the reason.</summary>
    [Alias("ConnectionChanged")]
    Task ConnectionChanged(bool connected, string? problem, DateTimeOffset at);
}
