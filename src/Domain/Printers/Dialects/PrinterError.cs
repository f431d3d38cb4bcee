namespace PrintFarm.Printers.Dialects;

/// <summary>An error or alert a printer reports, e.g. a Bambu HMS code or a Klipper shutdown.</summary>
/// <param name="Code">The vendor's code as people look it up, e.g. <c>HMS_0300_0100_0001_0007</c> or <c>0700_8006</c>.</param>
/// <param name="Severity">How bad it is, when the vendor says.</param>
/// <param name="Module">The part of the printer it concerns (e.g. <c>ams</c>, <c>mc</c>), when known.</param>
/// <param name="Text">Human text, when known.</param>
public sealed record PrinterError(string Code, PrinterErrorSeverity Severity, string? Module, string? Text);
