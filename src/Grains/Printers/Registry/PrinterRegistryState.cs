namespace PrintFarm.Printers.Registry;

/// <summary>Every registered printer, by id. Holds access codes: grain storage is the silos' own database.</summary>
[GenerateSerializer, Alias("PrintFarm.PrinterRegistryState")]
public sealed class PrinterRegistryState
{
    [Id(0)] public Dictionary<string, PrinterRegistration> Printers { get; set; } = [];
    [Id(1)] public Dictionary<string, RegistrationSource> Sources { get; set; } = [];
}
