namespace PrintFarm.Printers.Registry;

/// <summary>
/// Every registered printer, by id. <see cref="Printers"/> never holds a secret: the access code
/// of each is in <see cref="Secrets"/>, protected (<see cref="IPrinterSecrets"/>). State written
/// before secrets were protected still has them in <c>Printers</c>; the registry moves them on
/// read (<see cref="PrinterRegistry.ProtectPlainSecrets"/>).
/// </summary>
public sealed class PrinterRegistryState
{
    public Dictionary<string, PrinterRegistration> Printers { get; set; } = [];
    public Dictionary<string, RegistrationSource> Sources { get; set; } = [];

    /// <summary>The protected secret of each printer that has one.</summary>
    public Dictionary<string, string> Secrets { get; set; } = [];

    /// <summary>
    /// Ids whose registration was deleted: the printer grain remembers them from their link, yet
    /// they may be registered again (a native printer's id may not).
    /// </summary>
    public HashSet<string> Deleted { get; set; } = [];
}
