namespace PrintFarm.Printers.Links;

/// <summary>The farm's own MQTT broker, where OctoPrint and Moonraker printers publish. Holds a password: <see cref="ToString"/> never shows it.</summary>
public sealed record FarmBroker(string Host, int Port, string? Username, string? Password)
{
    public override string ToString() => $"{Host}:{Port}";
}
