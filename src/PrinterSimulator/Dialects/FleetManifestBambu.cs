namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>A simulated Bambu printer's own TLS broker; <see cref="CaCertificate"/> is the path of the CA PEM to pin.</summary>
public sealed record FleetManifestBambu(string Host, string Serial, string AccessCode, int Port, string CaCertificate);
