using PrintFarm.Printers.Access;

namespace PrintFarm.Silo.Mqtt;

/// <summary>Where the embedded broker finds a printer's stored hash and its topics: the farm's grains (<see cref="GrainCredentialsLookup"/>).</summary>
public interface IPrinterCredentialsLookup
{
    Task<string?> HashOf(string printerId);

    Task<PrinterTopics> TopicsOf(string printerId);
}
