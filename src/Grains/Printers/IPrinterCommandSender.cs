namespace PrintFarm.Printers;

/// <summary>
/// The egress to printers (MQTT in the silo). Returns false when the command could not be handed
/// to the broker, so the caller can put the job back instead of waiting on a printer that never heard.
/// </summary>
public interface IPrinterCommandSender
{
    Task<bool> Send(string printerId, PrinterCommand command, CancellationToken cancellationToken = default);
}
