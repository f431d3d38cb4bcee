using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PrintFarm.Tests.Links;

/// <summary>A CA and printer certificates made by the test, as Bambu's CA and a printer's certificate are.</summary>
internal sealed class TestCertificates : IDisposable
{
    public X509Certificate2 Ca { get; }
    private readonly RSA _caKey;

    public TestCertificates(string caName = "Test Printer CA")
    {
        _caKey = RSA.Create(2048);
        var request = new CertificateRequest($"CN={caName}", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
    }

    public string CaPem => Ca.ExportCertificatePem();

    /// <summary>A server certificate whose CN is <paramref name="commonName"/> (the printer's serial), signed by this CA.</summary>
    public (X509Certificate2 Certificate, string CertificatePem, string KeyPem) Server(string commonName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = request.Create(Ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), serial);
        var certificate = signed.CopyWithPrivateKey(key);
        return (certificate, certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        Ca.Dispose();
        _caKey.Dispose();
    }
}
