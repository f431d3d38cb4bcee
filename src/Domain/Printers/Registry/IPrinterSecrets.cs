namespace PrintFarm.Printers.Registry;

/// <summary>
/// Turns a printer's secret (a Bambu access code) into the form the registry may keep at rest and
/// back. The silo's implementation is ASP.NET Core Data Protection on the cluster's shared key
/// ring, so any silo unprotects what another protected.
/// </summary>
public interface IPrinterSecrets
{
    string Protect(string secret);

    /// <summary>Throws <see cref="System.Security.Cryptography.CryptographicException"/> when the key ring cannot open it.</summary>
    string Unprotect(string protectedSecret);
}
