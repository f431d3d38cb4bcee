using PrintFarm.Designs;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Printers.Files;

/// <summary>
/// One file to put on one printer: where it is in the design store, what it is called there,
/// and the registration that says how to reach the printer. The secret travels beside it, in
/// plain text only for the upload's own lifetime, and <see cref="ToString"/> never shows it.
/// </summary>
public sealed record PrintFileUpload
{
    public required string PrinterId { get; init; }
    public required PrinterRegistration Printer { get; init; }
    /// <summary>The access code or API key; never logged.</summary>
    public string? Secret { get; init; }
    public required PrintFileRef File { get; init; }
    /// <summary>The name on the printer: the job id and the format's extension.</summary>
    public required string FileName { get; init; }

    public override string ToString() => $"{FileName} ({File.Size} bytes) to {PrinterId} ({Printer.Dialect})";
}
