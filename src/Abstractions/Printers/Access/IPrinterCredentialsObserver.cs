namespace PrintFarm.Printers.Access;

/// <summary>A broker of the farm (embedded, or the mosquitto files a silo writes), told when a printer's credentials change.</summary>
[Alias("PrintFarm.IPrinterCredentialsObserver")]
public interface IPrinterCredentialsObserver : IGrainObserver
{
    /// <summary>Issued, rotated or revoked: a session that logged in with the old password must go.</summary>
    [OneWay, Alias("CredentialsChanged")]
    Task CredentialsChanged(string printerId, long version);
}
