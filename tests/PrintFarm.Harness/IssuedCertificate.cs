namespace PrintFarm.Harness;

/// <summary>A PEM certificate and key issued by <see cref="PrivateCertificateAuthority"/>, and the CA the cluster trusts.</summary>
public sealed record IssuedCertificate(string CertificatePath, string KeyPath, string CaPath, string Sha256)
{
    /// <summary>The Cluster:Tls settings of a silo or gateway that presents this certificate.</summary>
    public IReadOnlyDictionary<string, string> ClusterSettings => new Dictionary<string, string>
    {
        ["Cluster:Tls:Enabled"] = "true",
        ["Cluster:Tls:CertificatePath"] = CertificatePath,
        ["Cluster:Tls:KeyPath"] = KeyPath,
        ["Cluster:Tls:CaPath"] = CaPath,
    };
}
