namespace PrintFarm.Printers.Files;

/// <summary>
/// Puts a job's file on a printer (OctoPrint and Moonraker over HTTP, Bambu over FTPS), streamed
/// from the design store, retried while that may help, and checked once there. The silo provides it.
/// </summary>
public interface IPrintFileSender
{
    /// <summary>Throws <see cref="PrintFileRefusedException"/> when the file did not arrive whole.</summary>
    Task Send(PrintFileUpload upload, CancellationToken cancellationToken);
}
