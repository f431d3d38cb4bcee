using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using PrintFarm.Cluster;

namespace PrintFarm.Tests.ClusterSecurity;

/// <summary>
/// Which peer a silo or gateway accepts on a cluster connection: one whose certificate the
/// cluster's CA issued, or one that is pinned, never one the machine's trust store alone vouches for.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ClusterPeerCheckTests
{
    private static readonly string Folder = Path.Combine(TestFolders.Root, "cluster-peer-check");

    private static X509Certificate2 Load(IssuedCertificate issued) => X509Certificate2.CreateFromPem(File.ReadAllText(issued.CertificatePath));

    private static X509Certificate2Collection Authorities(PrivateCertificateAuthority pki)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(pki.CaPath);
        return authorities;
    }

    [Fact]
    public void A_certificate_of_the_clusters_CA_is_accepted_and_one_of_another_CA_is_not()
    {
        var pki = PrivateCertificateAuthority.Create(Folder);
        var check = new ClusterPeerCheck(Authorities(pki), [], TimeProvider.System);
        using var ours = Load(pki.Issue("silo-1"));
        using var theirs = Load(pki.IssueFromStranger("silo-1"));
        Assert.Null(check.Problem(ours, null));
        Assert.Contains("not issued by Cluster:Tls:CaPath", check.Problem(theirs, null));
        Assert.Contains("no certificate", check.Problem(null, null));
    }

    [Fact]
    public void Another_private_CA_does_not_count_even_with_the_same_name()
    {
        var ours = PrivateCertificateAuthority.Create(Folder, "PrintFarm CA");
        var other = PrivateCertificateAuthority.Create(Folder, "PrintFarm CA");
        var check = new ClusterPeerCheck(Authorities(ours), [], TimeProvider.System);
        using var impostor = Load(other.Issue("silo-1"));
        Assert.NotNull(check.Problem(impostor, null));
    }

    [Fact]
    public void Pinned_thumbprints_accept_only_the_pinned_certificates_and_combine_with_the_CA()
    {
        var pki = PrivateCertificateAuthority.Create(Folder);
        var pinned = pki.Issue("gateway-0");
        using var pinnedCertificate = Load(pinned);
        using var unpinned = Load(pki.Issue("gateway-1"));
        var withColons = string.Join(':', Enumerable.Range(0, 32).Select(i => pinned.Sha256.Substring(i * 2, 2))).ToLowerInvariant();

        var pinnedOnly = new ClusterPeerCheck([], [withColons], TimeProvider.System);
        Assert.Null(pinnedOnly.Problem(pinnedCertificate, null));
        Assert.Contains("not one of Cluster:Tls:PeerThumbprints", pinnedOnly.Problem(unpinned, null));

        var both = new ClusterPeerCheck(Authorities(pki), [pinned.Sha256], TimeProvider.System);
        Assert.Null(both.Problem(pinnedCertificate, null));
        Assert.NotNull(both.Problem(unpinned, null));
    }

    [Fact]
    public void A_certificate_is_checked_at_the_time_of_the_farms_clock()
    {
        var pki = PrivateCertificateAuthority.Create(Folder);
        using var certificate = Load(pki.Issue("silo-2"));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var check = new ClusterPeerCheck(Authorities(pki), [], clock);
        Assert.Null(check.Problem(certificate, null));
        clock.Advance(TimeSpan.FromDays(60));
        Assert.NotNull(check.Problem(certificate, null));
    }

    [Fact]
    public void Neither_a_CA_nor_a_pin_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new ClusterPeerCheck([], [], TimeProvider.System));
    }
}
