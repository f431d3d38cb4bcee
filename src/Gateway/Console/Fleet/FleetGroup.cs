using PrintFarm.Printers;

namespace PrintFarm.Gateway.Console.Fleet;

/// <summary>The tiles under one heading of a fleet page.</summary>
public sealed record FleetGroup(string Heading, List<PrinterSummary> Printers);
