using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace PrintFarm.Silo.Mqtt;

/// <summary>
/// TLS from the silo to an external broker (Mqtt:UseTls): the broker's certificate must name
/// Mqtt:TlsServerName (or Mqtt:Host) and chain to Mqtt:CaFile when it is set, to the machine's
/// trust store otherwise. A private CA replaces the trust store; it does not add to it.
/// </summary>
public static class BrokerTls
{
    public static X509Certificate2Collection? Authorities(MqttOptions options)
    {
        if (!options.UseTls || string.IsNullOrWhiteSpace(options.CaFile)) return null;
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(options.CaFile);
        return authorities.Count > 0 ? authorities : throw new InvalidOperationException($"Mqtt:CaFile {options.CaFile} holds no PEM certificate.");
    }

    public static void Configure(MqttClientTlsOptionsBuilder tls, MqttOptions options, X509Certificate2Collection? authorities)
    {
        tls.UseTls().WithTargetHost(string.IsNullOrWhiteSpace(options.TlsServerName) ? options.Host : options.TlsServerName);
        if (authorities is null) return; // the platform's own check: trust store and name
        tls.WithCertificateValidationHandler(e => Trusted(e.Certificate, e.Chain, e.SslPolicyErrors, authorities));
    }

    /// <summary>The name must match (the platform checked it); the chain must end in one of <paramref name="authorities"/>.</summary>
    public static bool Trusted(X509Certificate? presented, X509Chain? sent, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (presented is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None) return false;
        using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (sent is not null)
        {
            foreach (var element in sent.ChainElements)
                if (!element.Certificate.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span)) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        return chain.Build(certificate);
    }
}
