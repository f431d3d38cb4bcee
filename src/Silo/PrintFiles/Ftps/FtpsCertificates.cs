using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace PrintFarm.Silo.PrintFiles.Ftps;

/// <summary>Certificate checks for <see cref="FtpsEndpoint.CertificateCheck"/>.</summary>
public static class FtpsCertificates
{
    /// <summary>
    /// Accepts only a certificate that <paramref name="authority"/> issued and that names the
    /// endpoint's TargetHost: how a printer's certificate is checked against its maker's CA
    /// (Bambu's), which no system store holds. The system's roots are not consulted at all.
    /// </summary>
    public static RemoteCertificateValidationCallback IssuedBy(X509Certificate2 authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        return (_, certificate, _, errors) =>
        {
            // The platform's name check stands; only its chain verdict (against system roots) is replaced.
            if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(authority);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
        };
    }
}
