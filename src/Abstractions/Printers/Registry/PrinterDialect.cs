namespace PrintFarm.Printers.Registry;

/// <summary>How a printer talks to the farm.</summary>
public enum PrinterDialect
{
    /// <summary>The farm's own topics (<c>farm/printers/{id}/...</c>): the simulator, or firmware written for the farm.</summary>
    Native,
    /// <summary>Bambu Lab LAN MQTT: the farm connects to the broker on the printer (TLS, port 8883).</summary>
    Bambu,
    /// <summary>OctoPrint with the MQTT plugin, publishing under its own base topic on the farm's broker.</summary>
    OctoPrint,
    /// <summary>Klipper's Moonraker with its [mqtt] section, publishing under its instance name on the farm's broker.</summary>
    Moonraker,
}
