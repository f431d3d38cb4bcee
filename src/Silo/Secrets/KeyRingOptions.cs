namespace PrintFarm.Silo.Secrets;

/// <summary>
/// Bound from configuration section <c>KeyRing</c>. Without a certificate the keys are stored in
/// the database as Data Protection writes them (unencrypted), next to what they protect; with
/// one, each key is encrypted with it, and a copy of the database alone opens nothing.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "KeyRing";

    /// <summary>PEM file of the certificate that encrypts the keys; the same on every silo.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM file of its private key (readable by the silo's user only); may be the certificate file itself.</summary>
    public string? CertificateKeyFile { get; set; }
}
