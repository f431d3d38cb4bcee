namespace PrintFarm.Printers.Access;

public enum CredentialChange
{
    Unchanged,
    Issued,
    Rotated,
    Revoked,
    /// <summary>A seed for a printer an admin revoked: revocation wins over the seed file.</summary>
    KeptRevoked,
}
