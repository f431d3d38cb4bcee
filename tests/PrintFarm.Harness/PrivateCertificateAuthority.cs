using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PrintFarm.Harness;

/// <summary>
/// A private CA of the tests' own, in a folder: a CA certificate and, per process, a PEM
/// certificate and key it issued, for Orleans' cluster TLS and mosquitto's TLS listener, as
/// <c>./farm cluster</c> makes them with openssl.
/// </summary>
public sealed class PrivateCertificateAuthority
{
    private readonly X509Certificate2 _ca;

    private PrivateCertificateAuthority(string directory, X509Certificate2 ca, string caPath)
    {
        Directory = directory;
        _ca = ca;
        CaPath = caPath;
    }

    public string Directory { get; }

    /// <summary>The CA certificate (PEM): what Cluster:Tls:CaPath and mosquitto's cafile point at.</summary>
    public string CaPath { get; }

    public static PrivateCertificateAuthority Create(string parentDirectory, string name = "PrintFarm test CA")
    {
        var directory = Path.Combine(parentDirectory, "pki-" + Guid.NewGuid().ToString("N")[..6]);
        System.IO.Directory.CreateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var ca = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
        var caPath = Path.Combine(directory, "ca.pem");
        File.WriteAllText(caPath, ca.ExportCertificatePem());
        return new PrivateCertificateAuthority(directory, ca, caPath);
    }

    /// <summary>
    /// A certificate for <paramref name="name"/> signed by this CA, usable as TLS server and
    /// client (the cluster's processes are both), naming 127.0.0.1 and localhost.
    /// </summary>
    public IssuedCertificate Issue(string name) => Issue(name, _ca, alternativeNames: true);

    /// <summary>
    /// A server certificate whose only name is its CN, like a Bambu printer's (CN = serial): a
    /// certificate with DNS or IP alternative names is matched against those alone.
    /// </summary>
    public IssuedCertificate IssueNamedByCommonNameOnly(string name) => Issue(name, _ca, alternativeNames: false);

    /// <summary>A certificate signed by someone else entirely: a stranger's, which the cluster must refuse.</summary>
    public IssuedCertificate IssueFromStranger(string name, bool alternativeNames = true)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Stranger CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var now = DateTimeOffset.UtcNow;
        using var stranger = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
        return Issue(name, stranger, alternativeNames);
    }

    private IssuedCertificate Issue(string name, X509Certificate2 issuer, bool alternativeNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (alternativeNames)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var certificate = request.Create(issuer, now.AddMinutes(-5), now.AddDays(29), serial);
        var certificatePath = Path.Combine(Directory, $"{name}.pem");
        var keyPath = Path.Combine(Directory, $"{name}.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return new IssuedCertificate(certificatePath, keyPath, CaPath, Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)));
    }
}
