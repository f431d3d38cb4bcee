namespace PrintFarm.Printers.Dialects;

/// <summary>Severity of a <see cref="PrinterError"/>; the numbers are Bambu's HMS levels.</summary>
public enum PrinterErrorSeverity
{
    Unknown = 0,
    Fatal = 1,
    Serious = 2,
    Common = 3,
    Info = 4,
}
