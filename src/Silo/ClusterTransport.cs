namespace PrintFarm.Silo;

/// <summary>How this silo's Orleans ports are exposed, decided at start and logged by <see cref="ClusterTransportLog"/>.</summary>
/// <param name="ListensOn">The address the silo and gateway ports are bound to ("0.0.0.0" for every interface).</param>
/// <param name="OffLoopback">Reachable from another machine.</param>
/// <param name="Certificate">The certificate presented when TLS is on: its subject, SHA-256 fingerprint and expiry.</param>
public sealed record ClusterTransport(string ListensOn, bool OffLoopback, bool Tls, string? Certificate)
{
    /// <summary>
    /// The rule: off loopback, TLS or an explicit <c>Cluster:AllowPlaintextOffLoopback</c>. Null
    /// when the silo may start; otherwise why not, naming the settings.
    /// </summary>
    public string? Refusal(bool allowPlaintextOffLoopback) =>
        OffLoopback && !Tls && !allowPlaintextOffLoopback
            ? $"The silo would listen on {ListensOn} without TLS: anyone who reaches its silo or gateway port could call any grain. " +
              "Turn on Cluster:Tls (Cluster:Tls:Enabled=true with Cluster:Tls:CertificatePath and Cluster:Tls:CaPath; see deploy/README.md), " +
              "or, on a network you control end to end, set Cluster:AllowPlaintextOffLoopback=true."
            : null;
}
