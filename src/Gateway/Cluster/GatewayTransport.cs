namespace PrintFarm.Gateway.Cluster;

/// <summary>How this gateway talks to the silos: with TLS (and the certificate it presents) or in plaintext.</summary>
public sealed record GatewayTransport(bool Tls, string? Certificate);
