namespace PrintFarm.Printers.Access;

/// <summary>Every printer's broker login, by printer id (the MQTT username).</summary>
public sealed class PrinterCredentialBookState
{
    public Dictionary<string, PrinterCredential> Printers { get; set; } = [];

    /// <summary>Goes up with every change, so a copy (the mosquitto files) can tell it is behind.</summary>
    public long Version { get; set; }
}
