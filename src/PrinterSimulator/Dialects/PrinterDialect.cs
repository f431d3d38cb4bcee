using System.Text.Json.Serialization;

namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>The language a simulated printer speaks on the wire (lower-case names in fleet.json and on the command line).</summary>
public enum PrinterDialect
{
    /// <summary>The farm's own protocol on <c>farm/printers/{id}/…</c> (docs/PROTOCOL.md).</summary>
    [JsonStringEnumMemberName("native")]
    Native,
    /// <summary>Bambu Lab LAN mode: the printer is its own TLS MQTT broker.</summary>
    [JsonStringEnumMemberName("bambu")]
    Bambu,
    /// <summary>OctoPrint with the OctoPrint-MQTT plugin, publishing to the farm's broker.</summary>
    [JsonStringEnumMemberName("octoprint")]
    OctoPrint,
    /// <summary>Klipper behind Moonraker's MQTT component, publishing to the farm's broker.</summary>
    [JsonStringEnumMemberName("moonraker")]
    Moonraker,
}
