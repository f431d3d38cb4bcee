namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>
/// A simulated Bambu printer's own TLS broker; <see cref="CaCertificate"/> is the path of the CA PEM to pin.
/// <see cref="FtpsPort"/> is where the farm uploads files to its SD card (implicit FTPS, user <c>bblp</c>,
/// the access code as password), served by an FTPS server outside the simulator.
/// </summary>
public sealed record FleetManifestBambu(string Host, string Serial, string AccessCode, int Port, string CaCertificate,
    int FtpsPort = SimulatorOptions.DefaultBambuFtpsPort)
{
    // The access code is a secret: a logged record must not carry it.
    public override string ToString() => $"bambu {Serial}@{Host}:{Port} (FTPS {FtpsPort})";
}
