using PrintFarm.PrinterSimulator.Dialects;

namespace PrintFarm.PrinterSimulator.Files;

/// <summary>One printer served by the <see cref="PrinterFileServer"/>: which API it answers, its key and where its files go.</summary>
public sealed record FileEndpointPrinter(SimulatedPrinter Printer, PrinterDialect Dialect, string ApiKey, PrinterStorage Storage)
{
    public string Id => Printer.Id;

    /// <summary>The path prefix the printer is served under, as a reverse proxy would mount it: <c>octoprint/{id}/</c>.</summary>
    public string PathPrefix => $"{(Dialect == PrinterDialect.OctoPrint ? "octoprint" : "moonraker")}/{Id}/";

    // The API key is a secret: a logged record must not carry it.
    public override string ToString() => $"{Dialect} {Id} files in {Storage.Folder}";
}
