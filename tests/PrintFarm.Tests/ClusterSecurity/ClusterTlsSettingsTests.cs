using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using PrintFarm.Cluster;
using PrintFarm.Silo;

namespace PrintFarm.Tests.ClusterSecurity;

/// <summary>
/// How a silo exposes its Orleans ports, decided when it is built: it listens on the advertised
/// address only, refuses plaintext off loopback unless told so explicitly, and a TLS setting it
/// cannot honour (no CA, unreadable certificate, wrong password) stops it naming the setting and
/// never the password.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ClusterTlsSettingsTests
{
    private static readonly string Folder = Path.Combine(TestFolders.Root, "cluster-tls-settings");

    private static Dictionary<string, string?> OnPostgres(string advertised) => new()
    {
        ["Storage:Provider"] = "PostgreSql",
        ["Storage:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none",
        ["Cluster:Membership"] = "PostgreSql",
        ["Cluster:AdvertisedAddress"] = advertised,
        ["Mqtt:Embedded"] = "false",
    };

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPrintFarmSilo();
        return builder.Build();
    }

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, IReadOnlyDictionary<string, string> more)
    {
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    [Fact]
    public void A_silo_advertising_a_network_address_without_TLS_refuses_to_start_naming_the_settings()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Build(OnPostgres("10.20.30.40")));
        Assert.Contains("without TLS", refused.Message);
        Assert.Contains("Cluster:Tls:Enabled", refused.Message);
        Assert.Contains("Cluster:AllowPlaintextOffLoopback", refused.Message);
    }

    [Fact]
    public void Listening_on_every_interface_without_TLS_is_refused_even_with_a_loopback_address()
    {
        var settings = OnPostgres("127.0.0.1");
        settings["Cluster:ListenOnAnyAddress"] = "true";
        var refused = Assert.Throws<InvalidOperationException>(() => Build(settings));
        Assert.Contains("0.0.0.0", refused.Message);
    }

    [Fact]
    public void The_explicit_setting_lets_a_plaintext_silo_start_off_loopback_and_it_says_so()
    {
        var settings = OnPostgres("10.20.30.40");
        settings["Cluster:AllowPlaintextOffLoopback"] = "true";
        using var host = Build(settings);
        var transport = host.Services.GetRequiredService<ClusterTransport>();
        Assert.True(transport.OffLoopback);
        Assert.False(transport.Tls);
        Assert.Contains(host.Services.GetServices<ILifecycleParticipant<ISiloLifecycle>>(), p => p is ClusterTransportLog);
    }

    [Fact]
    public void On_loopback_plaintext_is_allowed_and_the_demo_default_binds_to_loopback()
    {
        using var host = Build(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" });
        var transport = host.Services.GetRequiredService<ClusterTransport>();
        Assert.Equal("127.0.0.1", transport.ListensOn);
        Assert.False(transport.OffLoopback);
        using var cluster = Build(OnPostgres("127.0.0.1"));
        Assert.False(cluster.Services.GetRequiredService<ClusterTransport>().OffLoopback);
    }

    [Fact]
    public void A_silo_with_a_network_address_and_TLS_listens_on_that_address_only()
    {
        var pki = PrivateCertificateAuthority.Create(Folder);
        using var host = Build(With(OnPostgres("10.20.30.40"), pki.Issue("silo").ClusterSettings));
        var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal(IPAddress.Parse("10.20.30.40"), endpoints.AdvertisedIPAddress);
        // Unset listening endpoints are the advertised address (Orleans); 0.0.0.0 is never implied.
        Assert.Null(endpoints.SiloListeningEndpoint);
        Assert.Null(endpoints.GatewayListeningEndpoint);
        var transport = host.Services.GetRequiredService<ClusterTransport>();
        Assert.True(transport.Tls);
        Assert.Contains("CN=silo", transport.Certificate);
    }

    [Fact]
    public void TLS_without_a_CA_or_pinned_thumbprints_is_refused()
    {
        var pki = PrivateCertificateAuthority.Create(Folder);
        var settings = With(OnPostgres("10.20.30.40"), pki.Issue("silo").ClusterSettings);
        settings["Cluster:Tls:CaPath"] = null;
        var refused = Assert.Throws<InvalidOperationException>(() => Build(settings));
        Assert.Contains("Cluster:Tls:CaPath or Cluster:Tls:PeerThumbprints", refused.Message);
    }

    [Fact]
    public void A_thumbprint_that_is_not_one_is_refused_naming_the_setting()
    {
        var settings = OnPostgres("127.0.0.1");
        settings["Cluster:Tls:Enabled"] = "true";
        settings["Cluster:Tls:CertificatePath"] = "/nowhere.pfx";
        settings["Cluster:Tls:PeerThumbprints:0"] = "not-hex";
        var refused = Assert.Throws<InvalidOperationException>(() => Build(settings));
        Assert.Contains("Cluster:Tls:PeerThumbprints", refused.Message);
    }

    [Fact]
    public void A_missing_certificate_file_is_refused_naming_the_setting()
    {
        var pki = PrivateCertificateAuthority.Create(Folder);
        var settings = With(OnPostgres("127.0.0.1"), pki.Issue("silo").ClusterSettings);
        settings["Cluster:Tls:CertificatePath"] = Path.Combine(pki.Directory, "absent.pem");
        var refused = Assert.Throws<InvalidOperationException>(() => Build(settings));
        Assert.Contains("Cluster:Tls:CertificatePath", refused.Message);
    }

    [Fact]
    public void A_wrong_PFX_password_is_refused_without_showing_either_password()
    {
        var pki = PrivateCertificateAuthority.Create(Folder);
        var issued = pki.Issue("silo-pfx");
        using var pem = X509Certificate2.CreateFromPemFile(issued.CertificatePath, issued.KeyPath);
        var pfx = Path.Combine(pki.Directory, "silo.pfx");
        File.WriteAllBytes(pfx, pem.Export(X509ContentType.Pkcs12, "right-horse-battery"));

        var settings = OnPostgres("127.0.0.1");
        settings["Cluster:Tls:Enabled"] = "true";
        settings["Cluster:Tls:CertificatePath"] = pfx;
        settings["Cluster:Tls:CaPath"] = pki.CaPath;
        settings["Cluster:Tls:CertificatePassword"] = "wrong-staple-9";
        var refused = Assert.Throws<InvalidOperationException>(() => Build(settings));
        Assert.Contains("Cluster:Tls:CertificatePath", refused.Message);
        Assert.DoesNotContain("wrong-staple-9", refused.Message);
        Assert.DoesNotContain("right-horse-battery", refused.Message);

        settings["Cluster:Tls:CertificatePassword"] = "right-horse-battery";
        using var host = Build(settings);
        Assert.True(host.Services.GetRequiredService<ClusterTransport>().Tls);
    }

    [Fact]
    public void An_expired_certificate_is_refused_at_start()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=old-silo", key, HashAlgorithmName.SHA256);
        using var old = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        Directory.CreateDirectory(Folder);
        var pfx = Path.Combine(Folder, $"old-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(pfx, old.Export(X509ContentType.Pkcs12));
        var options = new ClusterTlsOptions { Enabled = true, CertificatePath = pfx, PeerThumbprints = [old.Thumbprint] };
        var refused = Assert.Throws<InvalidOperationException>(() => ClusterCertificates.LoadOwn(options, DateTimeOffset.UtcNow));
        Assert.Contains("not now", refused.Message);
    }
}
