using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PrintFarm.Printers.Links;

/// <summary>
/// A Bambu printer's certificate is signed by Bambu's own CA and names the printer's serial, not
/// its address (PROTOCOLS.md §1.1). The connection is pinned: the chain must end in the CA given
/// at registration (and nothing else the machine trusts), and the certificate's CN must be the serial.
/// </summary>
public static class BambuCertificateCheck
{
    /// <summary>Null when the certificate is the printer's; otherwise why not, in plain words.</summary>
    public static string? Problem(X509Certificate2 presented, IEnumerable<X509Certificate2> intermediates, X509Certificate2 ca, string serial, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Bambu's CA has no key-usage extension (PROTOCOLS.md §1.1): pinning is what protects us.
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreWrongUsage | X509VerificationFlags.IgnoreInvalidPolicy;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        foreach (var extra in intermediates) chain.ChainPolicy.ExtraStore.Add(extra);

        if (!chain.Build(presented))
        {
            var why = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
            return $"the printer's certificate is not signed by its registered CA ({why})";
        }
        var root = chain.ChainElements[^1].Certificate;
        if (!root.RawDataMemory.Span.SequenceEqual(ca.RawDataMemory.Span))
            return "the printer's certificate chains to another CA than the registered one";

        var name = presented.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!string.Equals(name, serial, StringComparison.OrdinalIgnoreCase))
            return $"the certificate names '{name}', not the registered serial '{serial}'";
        return null;
    }

    /// <summary>The CA from PEM text or a PEM file. Throws <see cref="InvalidOperationException"/> with a plain reason.</summary>
    public static X509Certificate2 LoadCa(string pemOrPath)
    {
        string pem;
        if (pemOrPath.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal)) pem = pemOrPath;
        else
        {
            try { pem = File.ReadAllText(pemOrPath); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"cannot read the CA certificate file {pemOrPath}: {ex.Message}");
            }
        }
        try { return X509Certificate2.CreateFromPem(pem); }
        catch (CryptographicException)
        {
            throw new InvalidOperationException("the CA certificate is not a PEM certificate");
        }
    }
}
