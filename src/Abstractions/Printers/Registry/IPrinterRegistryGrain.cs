namespace PrintFarm.Printers.Registry;

/// <summary>
/// The farm's list of registered printers (one grain, key <see cref="IPrinterRegistryGrain.Key"/>).
/// A leaf for awaited calls: it only ever tells links to wake, one-way.
/// </summary>
[Alias("PrintFarm.IPrinterRegistryGrain")]
public interface IPrinterRegistryGrain : IGrainWithStringKey
{
    /// <summary>The one grain of its kind in the farm has this key.</summary>
    const string Key = "farm";

    /// <summary>Throws <see cref="InvalidPrinterRegistrationException"/> or <see cref="PrinterRegistrationConflictException"/>, changing nothing.</summary>
    [Alias("Register")]
    Task<RegistrationOutcome> Register(PrinterRegistration registration, RegistrationSource source);

    /// <summary>For the printer's link in the silo, never for an API response: the registration and its secret, still protected.</summary>
    [Alias("GetForLink")]
    Task<LinkRegistration?> GetForLink(string printerId);

    /// <summary>Deletes a registration and its secret, and stops the printer's link. False when the printer was not registered.</summary>
    [Alias("Remove")]
    Task<bool> Remove(string printerId);

    [Alias("Get")]
    Task<PrinterRegistrationView?> Get(string printerId);

    [Alias("List")]
    Task<List<PrinterRegistrationView>> List();

    /// <summary>Native when the printer is not registered (it announces itself on the farm's topics).</summary>
    [Alias("DialectOf")]
    Task<PrinterDialect> DialectOf(string printerId);

    /// <summary>Wakes the link of every registered non-native printer (idempotent), so connections come back after a silo restart.</summary>
    [Alias("EnsureLinks")]
    Task<int> EnsureLinks();
}
