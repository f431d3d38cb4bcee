namespace PrintFarm.Printers.Links;

/// <summary>
/// Where printer links get their connections: the silo provides one over MQTT, so the link grain
/// holds no MQTT client code and a test can give it another.
/// </summary>
public interface IPrinterConnectionFactory
{
    /// <summary>The farm's broker, for printers that publish to it (OctoPrint, Moonraker).</summary>
    FarmBroker FarmBroker { get; }

    IPrinterConnection Connect(LinkConnectionSettings settings, ILinkSink sink);
}
