using PrintFarm.Printers.Registry;

namespace PrintFarm.Printers.Links;

/// <summary>How a registered printer's link connects: to the printer's own broker over pinned TLS (Bambu), or to the farm's broker.</summary>
public static class LinkSettings
{
    /// <summary>Throws <see cref="InvalidOperationException"/> when the registration cannot be connected (an unreadable CA), naming why.</summary>
    /// <param name="secret">The printer's access code, unprotected by the link just now; kept in no field but the password.</param>
    public static LinkConnectionSettings For(PrinterRegistration registration, string? secret, DialectLink dialect, LinkOptions options, FarmBroker broker, TimeProvider clock)
    {
        if (registration.Dialect == PrinterDialect.Bambu)
        {
            var bambu = registration.Bambu!;
            var ca = new CaCertificateFolder(options.CaCertificateFolder).Load(bambu.CaCertificate!);
            var serial = bambu.Serial!;
            return new LinkConnectionSettings
            {
                Host = bambu.Host!,
                Port = bambu.Port ?? BambuConnection.DefaultPort,
                ClientId = $"printfarm-{Guid.NewGuid():N}"[..23],
                Username = "bblp",
                Password = secret,
                CleanSession = true,
                KeepAlive = options.BambuKeepAlive,
                Subscriptions = dialect.Subscriptions,
                TlsTargetHost = serial,
                CertificateProblem = (presented, intermediates) => BambuCertificateCheck.Problem(presented, intermediates, ca, serial, clock.GetUtcNow()),
                ConnectTimeout = options.ConnectTimeout,
                ReconnectDelay = options.ReconnectDelay,
                ReconnectMaxDelay = options.ReconnectMaxDelay,
                MaxPayloadBytes = options.MaxPayloadBytes,
            };
        }
        return new LinkConnectionSettings
        {
            Host = broker.Host,
            Port = broker.Port,
            // Stable and persistent: QoS 1 events published while the link moves between silos wait for it.
            ClientId = $"printfarm-link-{registration.Id}",
            Username = broker.Username,
            Password = broker.Password,
            CleanSession = false,
            Subscriptions = dialect.Subscriptions,
            TlsTargetHost = broker.UseTls ? broker.TlsServerName ?? broker.Host : null,
            CertificateProblem = broker.UseTls
                ? (presented, intermediates) => FarmBrokerCertificateCheck.Problem(presented, intermediates, broker.Authorities, broker.TlsServerName ?? broker.Host, clock.GetUtcNow())
                : null,
            ConnectTimeout = options.ConnectTimeout,
            ReconnectDelay = options.ReconnectDelay,
            ReconnectMaxDelay = options.ReconnectMaxDelay,
            MaxPayloadBytes = options.MaxPayloadBytes,
        };
    }
}
