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

    /// <summary>A CA file larger than this is not read: a certificate, even a chain, is a few KiB.</summary>
    public const int MaxCaFileBytes = 64 * 1024;

    /// <summary>
    /// The one answer for a CA file that cannot be used, whatever the reason (missing, forbidden,
    /// outside the folder, too big, not a certificate): which one it was would tell a caller what
    /// exists on the silos.
    /// </summary>
    public const string UnreadableCaFile =
        "cannot read a PEM certificate from that CA certificate file: it must be a PEM file of at most 64 KiB in the folder set by Links:CaCertificateFolder";

    /// <summary>
    /// The CA from PEM text or a PEM file, read at most <see cref="MaxCaFileBytes"/> (a device such
    /// as /dev/zero is never read to its end). Callers check first that a path is inside the
    /// configured folder (<see cref="CaCertificateFolder"/>). Throws <see cref="InvalidOperationException"/>
    /// with a plain reason.
    /// </summary>
    public static X509Certificate2 LoadCa(string pemOrPath)
    {
        if (pemOrPath.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            try { return X509Certificate2.CreateFromPem(pemOrPath); }
            catch (CryptographicException)
            {
                throw new InvalidOperationException("the CA certificate is not a PEM certificate");
            }
        }
        try
        {
            using var file = new FileStream(pemOrPath, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 0 });
            var buffer = new byte[MaxCaFileBytes + 1];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = file.Read(buffer, read, buffer.Length - read)) > 0) read += n;
            if (read > MaxCaFileBytes) throw new InvalidOperationException(UnreadableCaFile);
            return X509Certificate2.CreateFromPem(System.Text.Encoding.UTF8.GetString(buffer, 0, read));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException or NotSupportedException)
        {
            throw new InvalidOperationException(UnreadableCaFile);
        }
    }
}
