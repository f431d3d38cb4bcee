namespace PrintFarm.Printers.Registry;

/// <summary>
/// A registration that clashes with one already kept (same id with other settings, or another
/// printer on the same serial, base topic or instance). The message names printers and fields,
/// never secrets.
/// </summary>
[GenerateSerializer, Alias("PrintFarm.PrinterRegistrationConflictException")]
public sealed class PrinterRegistrationConflictException(string message) : Exception(message);
