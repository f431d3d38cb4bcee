using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>
/// The certificates of simulated Bambu printers. Like the real ones, each printer's server
/// certificate names the printer's serial (CN = serial) and is issued by a CA the farm pins. The
/// CA is written as PEM files and reused on the next run, so a farm configured with
/// <see cref="CertificateFileName"/> keeps trusting the printers across simulator restarts.
/// </summary>
public static class BambuCertificates
{
    public const string CertificateFileName = "bambu-ca.pem";
    public const string KeyFileName = "bambu-ca.key";

    /// <summary>Loads the CA from <paramref name="directory"/>, or makes one and writes it there.</summary>
    public static X509Certificate2 LoadOrCreateAuthority(string directory)
    {
        Directory.CreateDirectory(directory);
        var certificatePath = Path.Combine(directory, CertificateFileName);
        var keyPath = Path.Combine(directory, KeyFileName);
        if (File.Exists(certificatePath) && File.Exists(keyPath))
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=PrintFarm Simulated BBL CA, O=PrintFarm", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var authority = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));

        // Key first: a certificate without its key would be "found" next time and fail to load.
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(certificatePath, authority.ExportCertificatePem());
        return authority;
    }

    /// <summary>A server certificate for one printer: CN and DNS name = serial, signed by <paramref name="authority"/>.</summary>
    public static X509Certificate2 IssuePrinterCertificate(X509Certificate2 authority, string serial)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentException.ThrowIfNullOrWhiteSpace(serial);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={serial}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(serial);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        var now = DateTimeOffset.UtcNow;
        var notAfter = authority.NotAfter.ToUniversalTime() < now.AddYears(5) ? authority.NotAfter.ToUniversalTime() : now.AddYears(5);
        var serialNumber = RandomNumberGenerator.GetBytes(16);
        serialNumber[0] &= 0x7F; // positive
        using var issued = request.Create(authority, now.AddDays(-1), notAfter, serialNumber);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Through PKCS#12 so the key is a persisted one that SslStream accepts on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
