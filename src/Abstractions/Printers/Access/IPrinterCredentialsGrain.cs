namespace PrintFarm.Printers.Access;

/// <summary>
/// Every native and dialect printer's login on the farm's broker (one grain, key
/// <see cref="Key"/>): the username is the printer id, the password a random token the farm
/// makes and shows once; only its mosquitto <c>$7$</c> hash is stored. The silos' brokers hear
/// each change through <see cref="IPrinterCredentialsObserver"/> and drop a revoked printer at once.
/// </summary>
[Alias("PrintFarm.IPrinterCredentialsGrain")]
public interface IPrinterCredentialsGrain : IGrainWithStringKey
{
    const string Key = "farm";

    /// <summary>
    /// New credentials (first ones, or a rotation that also lifts a revocation); the password is
    /// in the answer and nowhere else. Throws <see cref="InvalidPrinterCredentialsException"/> for an id that cannot have any.
    /// </summary>
    [Alias("Issue")]
    Task<IssuedPrinterCredentials> Issue(string printerId);

    /// <summary>False when the printer had no credentials to revoke.</summary>
    [Alias("Revoke")]
    Task<bool> Revoke(string printerId);

    /// <summary>Passwords of the operator's seed file, already hashed by the silo; a revoked printer stays revoked. Returns how many changed.</summary>
    [Alias("Seed")]
    Task<int> Seed(List<SeededPrinterCredential> seeds);

    /// <summary>The stored hash of a printer that may log in, or null: for the brokers, never for a response.</summary>
    [Alias("HashOf")]
    Task<string?> HashOf(string printerId);

    /// <summary>
    /// Whether the farm ever issued this printer credentials, revoked ones included: every printer
    /// that can have reported has, since the brokers take no anonymous client. From memory.
    /// </summary>
    [Alias("Knows")]
    Task<bool> Knows(string printerId);

    /// <summary>Every printer that may log in, with its hash: what the mosquitto password file lists.</summary>
    [Alias("Accounts")]
    Task<BrokerAccounts> Accounts();

    [Alias("Get")]
    Task<PrinterCredentialsView?> Get(string printerId);

    /// <summary>
    /// The printer's registration changed (it became an OctoPrint or Moonraker printer, or went):
    /// the brokers recompute what it may publish and subscribe to.
    /// </summary>
    [OneWay, Alias("RegistrationChanged")]
    Task RegistrationChanged(string printerId);

    /// <summary>Tells <paramref name="observer"/> of every change for a while; call again before it lapses.</summary>
    [Alias("Watch")]
    Task Watch(IPrinterCredentialsObserver observer);
}
