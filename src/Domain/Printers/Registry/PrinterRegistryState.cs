namespace PrintFarm.Printers.Registry;

/// <summary>Every registered printer, by id. Holds access codes: grain storage is the silos' own database.</summary>
public sealed class PrinterRegistryState
{
    public Dictionary<string, PrinterRegistration> Printers { get; set; } = [];
    public Dictionary<string, RegistrationSource> Sources { get; set; } = [];
}
