using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PrintFarm.Cluster;

/// <summary>
/// Loads the certificates of <see cref="ClusterTlsOptions"/> when a silo or gateway starts, so a
/// missing file, a wrong password or an expired certificate stops it at once with a message that
/// names the setting (and never the password).
/// </summary>
public static class ClusterCertificates
{
    /// <summary>This process's certificate, with its private key.</summary>
    public static X509Certificate2 LoadOwn(ClusterTlsOptions options, DateTimeOffset now)
    {
        var path = options.CertificatePath ?? throw new InvalidOperationException("Cluster:Tls:CertificatePath is not set.");
        X509Certificate2 certificate;
        try
        {
            if (options.KeyPath is { Length: > 0 } key)
            {
                using var pem = string.IsNullOrEmpty(options.CertificatePassword)
                    ? X509Certificate2.CreateFromPemFile(path, key)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, options.CertificatePassword, key);
                // A PEM key is ephemeral; SslStream wants a certificate whose key it can reach again.
                certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }
            else
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            // The exception's own message can quote neither the password nor the key: only its kind is shown.
            throw new InvalidOperationException($"Cluster:Tls:CertificatePath {path}{(options.KeyPath is null ? "" : $" with Cluster:Tls:KeyPath {options.KeyPath}")} cannot be loaded ({ex.GetType().Name}): a readable .pfx with Cluster:Tls:CertificatePassword, or a PEM certificate and key, is needed.");
        }
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"Cluster:Tls:CertificatePath {path} has no private key (set Cluster:Tls:KeyPath for a PEM certificate).");
        if (certificate.NotAfter.ToUniversalTime() < now.UtcDateTime || certificate.NotBefore.ToUniversalTime() > now.UtcDateTime)
            throw new InvalidOperationException($"Cluster:Tls:CertificatePath {path} is valid from {certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u}, not now.");
        return certificate;
    }

    /// <summary>The cluster's CA certificates (a PEM file), or none when <see cref="ClusterTlsOptions.CaPath"/> is unset.</summary>
    public static X509Certificate2Collection LoadAuthorities(ClusterTlsOptions options)
    {
        var authorities = new X509Certificate2Collection();
        if (string.IsNullOrWhiteSpace(options.CaPath)) return authorities;
        try { authorities.ImportFromPemFile(options.CaPath); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException($"Cluster:Tls:CaPath {options.CaPath} cannot be read as PEM certificates ({ex.GetType().Name}).");
        }
        if (authorities.Count == 0)
            throw new InvalidOperationException($"Cluster:Tls:CaPath {options.CaPath} holds no PEM certificate.");
        return authorities;
    }

    /// <summary>What the logs say about a certificate: subject, SHA-256 fingerprint, expiry. Nothing secret.</summary>
    public static string Describe(X509Certificate2 certificate) =>
        $"{certificate.Subject} (SHA-256 {Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256))}, valid until {certificate.NotAfter.ToUniversalTime():u})";
}
