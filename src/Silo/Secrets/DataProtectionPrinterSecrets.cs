using Microsoft.AspNetCore.DataProtection;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Silo.Secrets;

/// <summary>Printers' access codes, protected with the cluster's key ring under their own purpose.</summary>
public sealed class DataProtectionPrinterSecrets(IDataProtectionProvider provider) : IPrinterSecrets
{
    /// <summary>Changing it makes every stored secret unreadable: it is part of each one's key.</summary>
    public const string Purpose = "PrintFarm.Printers.Registry.Secrets.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
